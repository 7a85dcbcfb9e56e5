import { HistoryStore } from '../../server/store/history-store.ts';

/** Writes `count` finished runs into the database at `path`, as a second writer process would. */
const [path, prefix, count] = process.argv.slice(2);
const store = new HistoryStore(path);
for (let i = 0; i < Number(count); i++) {
  const id = `${prefix}-${i}`;
  store.started({ id, kind: 'batch', model: 'demo-line', scenario: null, seed: i, params: { horizonS: 3600 } });
  store.ended(id, { status: 'finished', kpis: { throughputPerHour: i }, result: { filler: 'x'.repeat(500) } });
}
store.close();

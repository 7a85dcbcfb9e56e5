import { join } from 'node:path';
import { startTwinServer } from '../../server/api/twin-server.ts';
import { SCENARIOS_DIR } from '../../server/files/model-files.ts';
import { ModelCatalog } from '../../server/live/model-catalog.ts';

/**
 * One server process of a service, in its own OS process so a test can kill it without
 * any cleanup (SIGKILL): argv = Redis URL, a folder with its database and a `models`
 * folder, the registry TTL in ms. Prints one JSON line when it listens: its URL and the
 * id of the public plant it runs (null when another process runs it).
 */
const [redisUrl, dir, ttlMs] = process.argv.slice(2);
const server = await startTwinServer({
  port: 0,
  host: '127.0.0.1',
  dbPath: join(dir, 'child.db'),
  experimentThreads: 0,
  publicSpeed: 600,
  catalog: new ModelCatalog(join(dir, 'models'), SCENARIOS_DIR, join(dir, 'user-scenarios')),
  redisUrl,
  redisTtlMs: Number(ttlMs),
});
process.stdout.write(`${JSON.stringify({ url: server.url, publicId: server.publicSession?.id ?? null })}\n`);

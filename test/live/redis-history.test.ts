/**
 * Finished work read across the processes of one service (one Redis, two history files,
 * as on two machines): process A (a child process, so it can be SIGKILLed) makes a batch
 * run and holds a finished training exercise; process B lists and reads them as if they
 * were its own (same status and body as A gives), checks roles itself (a viewer on B is
 * refused the exercise log) while A checks them again, replays A's exercise in B, and,
 * once A is killed, answers its list within the read timeout, marked partial with A named.
 * Accounts are shared (one USERS_DB_PATH), as the README's deployment says.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { PARTIAL_HEADER } from '../../server/api/service-reads-http.ts';
import { READ_TIMEOUT_MS } from '../../server/live/service-reads.ts';
import { UserStore } from '../../server/store/users.ts';
import { skipWithoutRedis } from '../experiments/redis-skip.ts';
import { sleep } from './live-client.ts';
import { useKillableService } from './killable-service.ts';
import { TrainingClient } from './training-client.ts';

const redisMissing = skipWithoutRedis('multi-process history');

const PASSWORD = 'correct horse battery';

describe.skipIf(redisMissing)('the run history of a service of two processes', () => {
  const service = useKillableService('twin-history-');
  const dir = service.dir;
  let a: { url: string; processId: string };
  let b: TwinServer | undefined;
  const usersDb = join(dir, 'users.db');
  const cookies: Record<string, string> = {};
  const get = async (base: string, path: string, who?: string) => {
    const res = await fetch(`${base}${path}`, { headers: who === undefined ? {} : { cookie: cookies[who]! } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, partial: res.headers.get(PARTIAL_HEADER), location: res.headers.get('location') };
  };
  const client = (url: string, who: string) => service.connect(new TrainingClient(url, { cookie: cookies[who]! }));

  beforeAll(async () => {
    const users = new UserStore(usersDb);
    await users.add('ines', ['instructor'], PASSWORD);
    await users.add('paul', ['planner'], PASSWORD);
    await users.add('vera', ['viewer'], PASSWORD);
    users.close();
    a = await service.spawnChild<{ url: string; processId: string }>('history-child.ts', [service.redisUrl, dir, usersDb]);
    b = service.server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'b.db'), usersDbPath: usersDb, experimentThreads: 0, publicSession: false, clientDir: join(dir, 'no-client'), redisUrl: service.redisUrl });
    for (const name of ['ines', 'paul', 'vera']) {
      // Logins live in the shared accounts database: a cookie from A works on B.
      const res = await fetch(`${a.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORD }) });
      expect(res.status).toBe(200);
      cookies[name] = res.headers.get('set-cookie')!.split(';')[0]!;
    }
  }, 90_000);

  it('a run made on A is listed and read on B with the answer A gives', async () => {
    const made = await fetch(`${a.url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.paul! },
      body: JSON.stringify({ model: 'demo-line', horizonS: 3600, replications: 1, seed: 7, wait: true }),
    });
    expect(made.status).toBe(201);
    const { runId } = (await made.json()) as { runId: string };
    expect(b!.history.get(runId)).toBeNull(); // not in B's own file

    const listOnB = await get(b!.url, '/api/runs?kind=batch', 'vera');
    expect(listOnB.status).toBe(200);
    expect((listOnB.body.runs as { id: string }[]).map((r) => r.id)).toEqual([runId]);
    expect(listOnB.partial).toBeNull();
    // The merged list has the fields A's own list has.
    const listOnA = await get(a.url, '/api/runs?kind=batch', 'vera');
    expect(listOnB.body.runs).toEqual(listOnA.body.runs);

    const onB = await get(b!.url, `/api/runs/${runId}`, 'vera');
    expect(onB.status).toBe(200);
    expect(onB.body).toEqual((await get(a.url, `/api/runs/${runId}`, 'vera')).body);
    // Merged newest first with the same paging: a later run on B comes first, A's second.
    const later = await fetch(`${b!.url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.paul! },
      body: JSON.stringify({ model: 'demo-line', horizonS: 3600, replications: 1, seed: 8, wait: true }),
    });
    const laterId = ((await later.json()) as { runId: string }).runId;
    const ids = async (query: string) => ((await get(b!.url, `/api/runs?kind=batch&${query}`, 'vera')).body.runs as { id: string }[]).map((r) => r.id);
    expect(await ids('limit=2')).toEqual([laterId, runId]);
    expect(await ids('limit=1')).toEqual([laterId]);
    expect(await ids('limit=1&offset=1')).toEqual([runId]);
    expect(await ids('limit=5&offset=2')).toEqual([]);
    // Bad queries get the one-process answer; a window past the list's own limit cap (500) is refused by name.
    expect((await get(b!.url, '/api/runs?limit=0', 'vera')).status).toBe(400);
    const wide = await get(b!.url, '/api/runs?limit=400&offset=200', 'vera');
    expect(wide.status).toBe(400);
    expect(JSON.stringify(wide.body)).toContain('offset + limit must be <= 500');
    // Nowhere: still a 404, and not partial (every process answered).
    const none = await get(b!.url, '/api/runs/no-such-run', 'vera');
    expect([none.status, none.partial]).toEqual([404, null]);
  }, 60_000);

  it("an experiment run on A: B relays its progress and result as A gives them", async () => {
    // Two alternatives, two replications of four simulated days each (the demo line's first cells leave after its 3-day
    // aging, and a horizon no cell can cross is refused): a few seconds of work.
    const doc = { name: 'two buffers', model: 'demo-line', sweep: { parameters: [{ path: 'stack-buffer.capacity', values: [2, 20] }] }, horizon: '4d', warmup: '2h', replications: 2, warmupReport: false };
    const posted = await fetch(`${a.url}/api/experiments`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies.paul! }, body: JSON.stringify(doc) });
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };
    let onB = await get(b!.url, `/api/experiments/${id}`, 'vera');
    expect(onB.status).toBe(200);
    for (const end = Date.now() + 60_000; onB.body.status !== 'finished' && onB.body.status !== 'failed' && Date.now() < end; await sleep(300)) onB = await get(b!.url, `/api/experiments/${id}`, 'vera');
    expect(onB.body.status).toBe('finished');
    expect(onB.body).toEqual((await get(a.url, `/api/experiments/${id}`, 'vera')).body);
    expect(onB.body.result).toBeTruthy();
  }, 90_000);

  it("an exercise finished on A: B lists it, serves its debrief to all and its log to the instructor only, and replays it", async () => {
    const instructor = await client(a.url, 'ines');
    const started = await instructor.trainOk<{ sessionId: string; controllerToken: string }>({ type: 'startTraining', script: 'demo-line-stacker-down' });
    await instructor.ok({ type: 'joinSession', sessionId: started.sessionId, token: started.controllerToken, user: 'ines' });
    await instructor.trainOk({ type: 'beginExercise' });
    await sleep(300);
    await instructor.trainOk({ type: 'endExercise' });
    const runId = started.sessionId; // the stored run's id is the session's

    const exercises = await get(b!.url, '/api/training/exercises', 'vera');
    expect(exercises.status).toBe(200);
    expect((exercises.body as unknown as { id: string }[]).map((e) => e.id)).toEqual([runId]);

    // The debrief is computed on A (202 while it is, with the same Location), then 200 with A's body.
    let debrief = await get(b!.url, `/api/training/exercises/${runId}/debrief`, 'vera');
    for (const end = Date.now() + 90_000; debrief.status === 202 && Date.now() < end; await sleep(500)) {
      expect(debrief.location).toBe(`/api/training/exercises/${runId}/debrief`);
      debrief = await get(b!.url, `/api/training/exercises/${runId}/debrief`, 'vera');
    }
    expect(debrief.status).toBe(200);
    expect(debrief.body).toEqual((await get(a.url, `/api/training/exercises/${runId}/debrief`, 'vera')).body);

    // The log: the instructor on B gets A's stored log; a viewer on B is refused there (403), anonymous 401.
    const log = await get(b!.url, `/api/training/${runId}/log`, 'ines');
    expect(log.status).toBe(200);
    expect(log.body.runId).toBe(runId);
    expect(log.body).toEqual((await get(a.url, `/api/training/${runId}/log`, 'ines')).body);
    expect((await get(b!.url, `/api/training/${runId}/log`, 'vera')).status).toBe(403);
    expect((await get(b!.url, `/api/training/${runId}/log`)).status).toBe(401);
    // The owner checks the role again: asked directly over Redis with a viewer's principal, A refuses the log.
    const direct = await b!.cluster!.call<{ status: number }>(a.processId, { op: 'read', path: `/api/training/${runId}/log`, principal: { user: 'vera', roles: ['viewer'] } });
    expect(direct.ok && direct.result.status).toBe(403);
    const asInstructor = await b!.cluster!.call<{ status: number }>(a.processId, { op: 'read', path: `/api/training/${runId}/log`, principal: { user: 'ines', roles: ['instructor'] } });
    expect(asInstructor.ok && asInstructor.result.status).toBe(200);

    // A replay requested on B runs in B, from A's stored log.
    const onB = await client(b!.url, 'ines');
    const replay = await onB.trainOk<{ sessionId: string }>({ type: 'replay', runId, speed: 60 });
    expect(b!.manager.get(replay.sessionId)).toBeDefined();
    const viewerOnB = await client(b!.url, 'vera');
    const refused = await viewerOnB.train({ type: 'replay', runId });
    expect(refused.ok === false && refused.error.code).toBe('forbidden');
  }, 150_000);

  it('with A killed, B answers its lists within the read timeout, marked partial with A named', async () => {
    await service.killChild();
    const t0 = Date.now();
    const runs = await get(b!.url, '/api/runs', 'vera');
    const tookMs = Date.now() - t0;
    expect(runs.status).toBe(200);
    expect(runs.partial).toContain(a.processId);
    expect((runs.body.partial as { missing: { process: string }[] }).missing.map((m) => m.process)).toEqual([a.processId]);
    // A's runs are gone with it; B's own (the replay, stored when it stops, or nothing yet) are listed.
    expect((runs.body.runs as { id: string }[]).every((r) => b!.history.get(r.id) !== null)).toBe(true);
    // Bounded: a dead process costs at most the read timeout (2× headroom for a loaded machine).
    expect(tookMs).toBeLessThan(2 * READ_TIMEOUT_MS);
    const exercises = await get(b!.url, '/api/training/exercises', 'vera');
    expect([exercises.status, exercises.partial?.includes(a.processId)]).toEqual([200, true]);
    // A replay of a run of the dead process is refused with a message naming the process, not a bare 404.
    const onB = await client(b!.url, 'ines');
    const refused = await onB.train({ type: 'replay', runId: 'on-the-dead-process' });
    expect(refused.ok === false && refused.error.code).toBe('unavailable');
    expect(refused.ok === false && refused.error.message).toContain(a.processId);

    // Redis itself gone: B still answers from its own history, within the timeout, marked partial.
    await service.stopRedis();
    const t1 = Date.now();
    const alone = await get(b!.url, '/api/runs', 'vera');
    expect(Date.now() - t1).toBeLessThan(2 * READ_TIMEOUT_MS);
    expect(alone.status).toBe(200);
    expect(alone.partial).toMatch(/Redis/);
  }, 45_000);
});

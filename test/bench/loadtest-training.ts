/**
 * Training load run (`npm run loadtest -- --training [--trainees 30] [--viewers 100]
 * [--pace 60] [--seconds 30] [--script cathode-coater-down]`): the real server
 * (compiled, dist/server/main.js), one exercise started by an instructor, N trainees who join by name
 * and code and act every few seconds on the `train` channel, M viewers watching, all in
 * client processes of their own. Reports the simulated-time pace achieved against the
 * pace set (wall time held on prompts left out: the instructor resumes each at once),
 * frames per second per client, and the server's CPU and memory.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Frame, type Reply } from '../../server/protocol/messages.ts';
import type { TrainingNotice } from '../../server/protocol/training-messages.ts';
import { compiledServer } from './compiled-server.ts';

const { values: args } = parseArgs({
  strict: false,
  options: {
    trainees: { type: 'string', default: '30' },
    viewers: { type: 'string', default: '100' },
    pace: { type: 'string', default: '60' },
    seconds: { type: 'string', default: '30' },
    script: { type: 'string', default: 'cathode-coater-down' },
    processes: { type: 'string', default: '2' },
    'training-child': { type: 'boolean', default: false },
    url: { type: 'string' },
    session: { type: 'string' },
    code: { type: 'string' },
    first: { type: 'string', default: '0' },
  },
});
const num = (v: string | boolean | undefined) => Number(v);
const CLOCK_TICKS = 100; // Linux USER_HZ for /proc/<pid>/stat
/** Each trainee acts this often (wall ms): far above what a person does, well under the rate limit. */
const ACT_EVERY_MS = 3000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
};
const rssMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!.replace(/\D+/g, '')) / 1024;

function connect(url: string): Socket {
  return io(url, { auth: { protocol: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, forceNew: true });
}
const emit = <R>(s: Socket, channel: 'cmd' | 'train', msg: unknown) => s.timeout(30_000).emitWithAck(channel, msg) as Promise<Reply<R>>;

/** Child: `trainees` trainees (names from `first`) and `viewers` viewers; counts frames and acts. */
async function child(): Promise<void> {
  const [url, sessionId, code] = [String(args.url), String(args.session), String(args.code)];
  const arrivals: number[][] = [];
  const acts: Record<string, number> = { ok: 0, refused: 0, limited: 0 };
  const clients = num(args.trainees) + num(args.viewers);
  for (let i = 0; i < clients; i++) {
    const s = connect(url);
    const mine: number[] = [];
    arrivals.push(mine);
    s.on('frame', (_f: Frame, ack: () => void) => {
      mine.push(Date.now());
      ack();
    });
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    if (i < num(args.trainees)) {
      const name = `trainee-${String(num(args.first) + i + 1).padStart(2, '0')}`;
      const joined = await emit(s, 'train', { type: 'joinTraining', code, name });
      if (!joined.ok) throw new Error(`${name}: ${joined.error.message}`);
      await emit(s, 'train', { type: 'trainingState' });
      process.send!({ kind: 'joined' });
      // Acting starts with the grant (before it every act would be refused as not granted).
      const granted = new Promise<void>((resolve) => s.on('training', (n: TrainingNotice) => n.type === 'you' && n.you.granted && resolve()));
      void granted.then(() => setTimeout(() => setInterval(() => {
        const capacity = 150 + Math.floor(Math.random() * 100); // the harness's own noise: not the subject
        void emit(s, 'train', { type: 'act', act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity } }).then((r) => {
          if (r.ok) acts.ok++;
          else if (r.error.refusal?.key === 'tooFast') acts.limited++;
          else {
            acts.refused++;
            acts[`refused ${r.error.refusal?.key ?? r.error.code}`] = (acts[`refused ${r.error.refusal?.key ?? r.error.code}`] ?? 0) + 1;
          }
        });
      }, ACT_EVERY_MS), Math.random() * ACT_EVERY_MS));
    } else {
      await emit(s, 'cmd', { type: 'joinSession', sessionId, user: `viewer-${i}` });
      process.send!({ kind: 'joined' });
    }
    if (i % 20 === 19) await sleep(20);
  }
  process.on('message', (m: { kind: string; from: number; to: number }) => {
    if (m.kind !== 'report') return;
    const rates = arrivals.map((a) => a.filter((t) => t >= m.from && t <= m.to).length / ((m.to - m.from) / 1000));
    process.send!({ kind: 'report', rates, acts }, () => process.exit(0));
  });
}

async function main(): Promise<void> {
  const [trainees, viewers, pace, seconds] = [num(args.trainees), num(args.viewers), num(args.pace), num(args.seconds)];
  const dir = mkdtempSync(join(tmpdir(), 'twin-loadtest-training-'));
  const server = spawn(process.execPath, ['--enable-source-maps', join(compiledServer(), 'main.js')], {
    // Every client comes from this one address: lift the per-address connection budgets (address-budgets.ts) above the load.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: join(dir, 'twin.db'), LOG_LEVEL: 'info', FRAME_HZ: '20', PUBLIC_WARMUP: '0', MAX_CONNECTIONS_PER_ADDRESS: String(trainees + viewers + 10), NEW_CONNECTIONS_BURST_PER_ADDRESS: String(trainees + viewers + 10) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const children: ChildProcess[] = [server];
  process.on('exit', () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: server.stdout! }).on('line', (line) => {
      const e = JSON.parse(line) as { msg?: string; url?: string };
      if (e.msg === 'listening') resolve(e.url!);
    });
  });
  const instructor = connect(url);
  await new Promise<void>((resolve) => instructor.once('connect', () => resolve()));
  const started = await emit<{ sessionId: string; controllerToken: string; code: string }>(instructor, 'train', { type: 'startTraining', script: args.script, user: 'instructor' });
  if (!started.ok) throw new Error(started.error.message);
  const { sessionId, controllerToken, code } = started.result;
  await emit(instructor, 'cmd', { type: 'joinSession', sessionId, token: controllerToken, user: 'instructor' });
  await emit(instructor, 'train', { type: 'trainingState' });
  // The probe: the instructor's own frames (sim time per arrival) and holds, resumed at once.
  const frames: [number, number][] = [];
  instructor.on('frame', (f: Frame, ack: () => void) => {
    frames.push([Date.now(), f.t]);
    ack();
  });
  const holds: [number, number][] = []; // wall [start, end] of each hold
  instructor.on('training', (n: TrainingNotice) => {
    if (n.type === 'clock' && n.clock.held && (holds.length === 0 || holds.at(-1)![1] !== -1)) {
      holds.push([Date.now(), -1]);
      void emit(instructor, 'train', { type: 'resume' }).then(() => (holds.at(-1)![1] = Date.now()));
    }
  });

  const processes = Math.max(1, num(args.processes));
  let joined = 0;
  const reporters: ChildProcess[] = [];
  for (let p = 0; p < processes; p++) {
    const [t, v] = [Math.ceil(trainees / processes), Math.ceil(viewers / processes)];
    const [myT, myV] = [Math.max(0, Math.min(t, trainees - p * t)), Math.max(0, Math.min(v, viewers - p * v))];
    const c = fork(fileURLToPath(import.meta.url), ['--training-child', '--url', url, '--session', sessionId, '--code', code, '--trainees', String(myT), '--viewers', String(myV), '--first', String(p * t)], { execArgv: ['--import', 'tsx'] });
    setPriority(c.pid!, 10); // the clients are the harness, not the subject
    children.push(c);
    reporters.push(c);
    c.on('message', (m: { kind: string }) => m.kind === 'joined' && joined++);
  }
  for (const end = Date.now() + 120_000; joined < trainees + viewers && Date.now() < end; ) await sleep(200);
  console.log(`${joined} of ${trainees + viewers} clients in (${trainees} trainees by code, ${viewers} viewers)`);
  const roster = await emit<{ trainees: { clientId: string }[] }>(instructor, 'train', { type: 'trainingState' });
  for (const t of roster.ok ? roster.result.trainees : []) {
    await emit(instructor, 'train', { type: 'grantActions', clientId: t.clientId, grant: true });
    await sleep(150); // the train channel's rate limit holds for the instructor too
  }
  await emit(instructor, 'train', { type: 'setPace', pace });
  await emit(instructor, 'train', { type: 'beginExercise' });
  await sleep(3000);

  const c0 = cpuSeconds(server.pid!);
  const from = Date.now();
  await sleep(seconds * 1000);
  const to = Date.now();
  const cpu = (cpuSeconds(server.pid!) - c0) / ((to - from) / 1000);
  const inWindow = frames.filter(([w]) => w >= from && w <= to);
  const heldMs = holds.reduce((a, [s, e]) => a + Math.max(0, Math.min(e === -1 ? to : e, to) - Math.max(s, from)), 0);
  const wallS = (inWindow.at(-1)![0] - inWindow[0][0] - heldMs) / 1000;
  const achieved = (inWindow.at(-1)![1] - inWindow[0][1]) / wallS;
  const reports = await Promise.all(
    reporters.map((c) => new Promise<{ rates: number[]; acts: Record<string, number> }>((resolve) => {
      c.on('message', (m: { kind: string; rates: number[]; acts: Record<string, number> }) => m.kind === 'report' && resolve(m));
      c.send({ kind: 'report', from, to });
    })),
  );
  const rates = reports.flatMap((r) => r.rates);
  const acts: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.acts)) acts[k] = (acts[k] ?? 0) + v;
  console.log(`pace set ${pace}×, achieved ${achieved.toFixed(1)}× (${((achieved / pace) * 100).toFixed(1)} %) over ${wallS.toFixed(1)} s of running wall time (${(heldMs / 1000).toFixed(1)} s held on ${holds.length} prompt(s)); sim ${inWindow[0][1].toFixed(0)} → ${inWindow.at(-1)![1].toFixed(0)} s`);
  console.log(`frames/s per client: min ${quantile(rates, 0).toFixed(1)}, p5 ${quantile(rates, 0.05).toFixed(1)}, median ${quantile(rates, 0.5).toFixed(1)}, max ${quantile(rates, 1).toFixed(1)} (target 20; a held plant sends no frames)`);
  console.log(`trainee actions in the run: ${acts.ok} applied, ${acts.refused} refused, ${acts.limited} rate-limited ${JSON.stringify(acts)}`);
  console.log(`server CPU ${(cpu * 100).toFixed(0)} % of one core, RSS ${rssMb(server.pid!).toFixed(0)} MB`);
  instructor.close();
  process.exit(0);
}

if (args['training-child']) await child();
else await main();

/**
 * Load benchmark (`npm run loadtest -- --viewers 500 --seconds 15 [--gateways N]`): starts the
 * real server (compiled, dist/server/main.js) on a loopback port with its public session running
 * the default plant at full speed, measures the simulation alone, then with N
 * viewers at the frame rate spread over a few client processes, and reports
 * per-viewer frame rate, lag, server CPU and memory, and events/s both ways.
 * `--gateways N`: N server processes behind the shipped nginx config on one address,
 * one Redis between them (N > 1); viewers land on any of them, the public plant runs in one.
 *
 * Lag is each viewer's arrival time of a frame minus the arrival time of the
 * same frame at a probe viewer in this (otherwise idle) process: the extra delay
 * of fan-out and of the viewer's own process.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type Frame } from '../../server/protocol/messages.ts';
import { startGateways } from './loadtest-gateways.ts';
import { openViewers, type ViewerKind, type ViewerLog } from './loadtest-viewers.ts';
import { loadtestArgs } from './loadtest-args.ts';

const args = loadtestArgs();

const CLOCK_TICKS = 100; // Linux USER_HZ for /proc/<pid>/stat

/** Child mode: `count` viewers in this process; reports their arrivals on request. */
async function runViewers(kind: ViewerKind, url: string, sessionId: string, count: number): Promise<void> {
  let joined = 0;
  const logs = await openViewers(kind, url, sessionId, count, () => process.send!({ kind: 'joined', total: ++joined }));
  process.on('message', (msg: { kind: string; from: number; to: number }) => {
    if (msg.kind !== 'report') return;
    const window = logs.map((l) => {
      const arrivals: number[] = [];
      for (let j = 0; j < l.arrivals.length; j += 2) if (l.arrivals[j + 1] >= msg.from && l.arrivals[j + 1] <= msg.to) arrivals.push(l.arrivals[j], l.arrivals[j + 1]);
      return { arrivals };
    });
    process.send!({ kind: 'report', logs: window }, () => process.exit(0));
  });
}

/** Established TCP connections to a local port (the proxy's connections to one server: one per WebSocket, plus a few kept alive). */
function established(port: string): number {
  const out = spawnSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.split('\n').filter((l) => l.trim() !== '').length : NaN;
}

/** CPU of nginx: its master and its worker processes. */
function proxySeconds(master: number): number {
  const workers = spawnSync('pgrep', ['-P', String(master)], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.trim() !== '').map(Number);
  return [master, ...workers].reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function main(): Promise<void> {
  const viewers = Number(args.viewers);
  const seconds = Number(args.seconds);
  const processes = Math.max(1, Math.min(Number(args.processes), viewers));
  const gatewayCount = Number(args.gateways);
  const client = args.client as ViewerKind;
  const dir = mkdtempSync(join(tmpdir(), 'twin-loadtest-'));
  const gateways = await startGateways(gatewayCount, dir, {
    PUBLIC_SPEED: args.speed,
    LOG_LEVEL: 'info',
    FRAME_HZ: '20',
    // Every viewer comes from this one address: lift the per-address budgets (address-budgets.ts) above the load.
    MAX_CONNECTIONS_PER_ADDRESS: String(viewers + 10),
    NEW_CONNECTIONS_BURST_PER_ADDRESS: String(viewers + 10),
    COMMANDS_PER_ADDRESS_PER_S: String(10 * viewers),
  });
  const serverPids = gateways.servers.map((s) => s.proc.pid!);
  const children: ChildProcess[] = gateways.servers.map((s) => s.proc);
  const cleanup = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  try {
    const url = gateways.url;
    console.log(gatewayCount === 0 ? `one server at ${url}` : `${gatewayCount} server process(es) behind nginx at ${url}${gatewayCount > 1 ? ', one Redis' : ''}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    // The server listens while the public plant warms up (PUBLIC_WARMUP): wait until it runs.
    let sessionId: string | undefined;
    for (const end = Date.now() + 120_000; sessionId === undefined && Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      sessionId = ((await (await fetch(`${url}/api/sessions`)).json()) as { sessions: { id: string; public: boolean }[] }).sessions.find((s) => s.public)?.id;
    }
    if (sessionId === undefined) throw new Error('the public plant did not start within 120 s');
    const probe: [number, number, number][] = []; // [n, arrival, events]
    const probeSocket = io(url, { auth: { protocol: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false });
    probeSocket.on('frame', (f: Frame, ack: () => void) => {
      probe.push([f.n, Date.now(), f.ev]);
      ack();
    });
    probeSocket.on('connect', () => probeSocket.emit('cmd', { type: 'joinSession', sessionId, user: 'probe' }, () => undefined));
    const busy = () => Promise.all(gateways.servers.map(async (s) => ((await (await fetch(`${s.url}/api/health`)).json()) as { mainThreadBusy: number }).mainThreadBusy));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const reporters: ChildProcess[] = [];
    const viewerSeconds = () => sum(reporters.map((c) => (c.exitCode === null ? cpuSeconds(c.pid!) : 0)));
    const measure = async (label: string) => {
      const v0 = viewerSeconds();
      const c0 = serverPids.map(cpuSeconds);
      const p0 = gateways.proxyPid === null ? 0 : proxySeconds(gateways.proxyPid);
      await busy(); // starts each main thread's busy-time window
      const from = Date.now();
      await sleep(seconds * 1000);
      const to = Date.now();
      const mainThreadBusy = await busy();
      const wallS = (to - from) / 1000;
      const cpu = serverPids.map((pid, i) => (cpuSeconds(pid) - c0[i]) / wallS);
      const clients = reporters.length === 0 ? '' : `, viewer processes CPU ${(((viewerSeconds() - v0) / wallS) * 100).toFixed(0)} %`;
      const proxy = gateways.proxyPid === null ? '' : `, proxy CPU ${(((proxySeconds(gateways.proxyPid) - p0) / wallS) * 100).toFixed(0)} %`;
      const inWindow = probe.filter((p) => p[1] >= from && p[1] <= to);
      const eventsPerS = (inWindow.at(-1)![2] - inWindow[0][2]) / ((inWindow.at(-1)![1] - inWindow[0][1]) / 1000);
      const perServer = cpu.length > 1 ? ` (${cpu.map((c, i) => `${(c * 100).toFixed(0)} %/${(mainThreadBusy[i] * 100).toFixed(0)} %`).join(', ')} per process: CPU/socket thread busy)` : ` (socket thread busy ${(mainThreadBusy[0] * 100).toFixed(0)} %)`;
      console.log(`${label}: server CPU ${(sum(cpu) * 100).toFixed(0)} % of one core${perServer}${proxy}${clients}, RSS ${sum(serverPids.map(rssMb)).toFixed(0)} MB, simulation ${Math.round(eventsPerS).toLocaleString('en')} events/s, probe ${(inWindow.length / seconds).toFixed(1)} frames/s`);
      return { from, to, eventsPerS };
    };

    await sleep(3000);
    const solo = await measure('no viewers');

    const perProcess = Math.ceil(viewers / processes);
    let joined = 0;
    for (let p = 0; p < processes; p++) {
      const count = Math.min(perProcess, viewers - p * perProcess);
      const child = fork(fileURLToPath(import.meta.url), ['--child', '--client', client, '--url', url, '--session', sessionId, '--viewers', String(count)], { execArgv: ['--import', 'tsx'] });
      // The viewers are the harness, not the subject: on a small machine they would otherwise take
      // the server's CPU share, and the benchmark would measure the clients.
      setPriority(child.pid!, 10);
      children.push(child);
      reporters.push(child);
      child.on('message', (m: { kind: string }) => {
        if (m.kind === 'joined') joined++;
      });
    }
    const deadline = Date.now() + 120_000;
    while (joined < viewers && Date.now() < deadline) await sleep(200);
    console.log(`${joined} of ${viewers} viewers (${client} client) joined${gatewayCount > 1 ? `; WebSockets per process: ${gateways.servers.map((s) => established(new URL(s.url).port)).join(', ')}` : ''}`);
    await sleep(3000);
    const loaded = await measure(`${viewers} viewers`);

    const probeAt = new Map(probe.map(([n, at]) => [n, at]));
    const logs = (
      await Promise.all(
        reporters.map(
          (child) =>
            new Promise<ViewerLog[]>((resolve) => {
              child.on('message', (m: { kind: string; logs?: ViewerLog[] }) => m.kind === 'report' && resolve(m.logs!));
              child.send({ kind: 'report', from: loaded.from, to: loaded.to });
            }),
        ),
      )
    ).flat();
    const rates = logs.map((l) => l.arrivals.length / 2 / seconds);
    const lags: number[] = [];
    for (const l of logs) for (let i = 0; i < l.arrivals.length; i += 2) {
      const ref = probeAt.get(l.arrivals[i]);
      if (ref !== undefined) lags.push(l.arrivals[i + 1] - ref);
    }
    console.log(
      `per-viewer frames/s: min ${quantile(rates, 0).toFixed(1)}, p5 ${quantile(rates, 0.05).toFixed(1)}, median ${quantile(rates, 0.5).toFixed(1)}, max ${quantile(rates, 1).toFixed(1)} (target 20)`,
    );
    console.log(`lag behind the probe: median ${quantile(lags, 0.5)} ms, p95 ${quantile(lags, 0.95)} ms, p99 ${quantile(lags, 0.99)} ms`);
    console.log(`simulation with viewers at ${((loaded.eventsPerS / solo.eventsPerS) * 100).toFixed(0)} % of its solo speed`);
    probeSocket.close();
  } finally {
    await gateways.stop();
    cleanup();
  }
}

if (args.training) await import('./loadtest-training.ts');
else if (args.child) await runViewers(args.client as ViewerKind, args.url!, args.session!, Number(args.viewers));
else await main();

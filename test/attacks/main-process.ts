import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The real entry point, as `npm start` runs it (minus the client build). */
const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

export interface MainProcess {
  proc: ChildProcess;
  url: string;
  /** pino's JSON log lines so far. */
  logs: Record<string, unknown>[];
  /** Exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** stderr so far (a fatal start prints there too). */
  stderr: () => string;
}

/**
 * Starts server/main.ts in a child process with `env` on top of a quiet test
 * environment; resolves once it listens (and, with `waitPublic`, once the public plant runs).
 */
export async function startMain(env: Record<string, string>, waitPublic = false): Promise<MainProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', PUBLIC_SPEED: '100', PUBLIC_WARMUP: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  let listening: string | null = null;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s: ${stderr}`)), 60_000);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === 'listening') listening = entry.url as string;
      if (listening !== null && (!waitPublic || entry.msg === 'public session running')) {
        clearTimeout(timer);
        resolve(listening);
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited (${code}) during startup: ${stderr}`)));
  });
  return { proc, url, logs, exited, stderr: () => stderr };
}

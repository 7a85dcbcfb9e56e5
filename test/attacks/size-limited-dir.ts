import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real size-limited (or read-only) directory for the disk-full tests: a small tmpfs
 * mount, which needs root with CAP_SYS_ADMIN. Elsewhere null, and the tests skip with a
 * notice (in CI, `CI=true`, they fail instead: the runner must allow it).
 */
export interface LimitedDir {
  path: string;
  /** Fills the file system up to the last byte (a filler file); `free()` removes it. */
  fill(): void;
  free(): void;
  /** Remounts read-only / read-write. */
  readOnly(on: boolean): void;
  remove(): void;
}

export function sizeLimitedDir(sizeKb: number): LimitedDir | null {
  const path = mkdtempSync(join(tmpdir(), 'twin-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', path], { stdio: 'pipe' });
  } catch (err) {
    rmSync(path, { recursive: true, force: true });
    const why = `cannot mount a ${sizeKb} KB tmpfs (${(err as Error).message.split('\n')[0]}): the disk-full tests need root with CAP_SYS_ADMIN`;
    if (process.env.CI) throw new Error(why, { cause: err });
    console.warn(`skipped: ${why}`);
    return null;
  }
  const filler = join(path, 'filler');
  return {
    path,
    fill() {
      const chunk = Buffer.alloc(16 * 1024, 7);
      let n = 0;
      try {
        for (;;) writeFileSync(filler, chunk, { flag: n++ === 0 ? 'w' : 'a' });
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOSPC') throw err;
      }
      // The last partial chunk: fill the remaining bytes one small write at a time.
      const byte = Buffer.alloc(512, 7);
      try {
        for (;;) writeFileSync(filler, byte, { flag: 'a' });
      } catch {
        /* full to the last block */
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    readOnly(on) {
      execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, path], { stdio: 'pipe' });
    },
    remove() {
      try {
        execFileSync('umount', [path], { stdio: 'pipe' });
      } finally {
        rmSync(path, { recursive: true, force: true });
      }
    },
  };
}

export function subdir(dir: LimitedDir, name: string): string {
  const p = join(dir.path, name);
  mkdirSync(p, { recursive: true });
  return p;
}

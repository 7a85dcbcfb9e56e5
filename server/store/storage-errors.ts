/**
 * Disk full, read-only or unopenable storage, as one error that names the path and
 * says what to do, instead of a bare 500 (issue 17). The HTTP layer answers it with
 * 507 (full) or 503 (read-only, unavailable) and this message.
 */
export type StorageProblem = 'full' | 'read-only' | 'unavailable';

export class StorageError extends Error {
  constructor(
    message: string,
    readonly problem: StorageProblem,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Error codes of SQLite (better-sqlite3's `code`) and of node:fs, by what they mean for the user. */
const PROBLEMS: [RegExp, StorageProblem, string][] = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)$/, 'full', 'the disk is full'],
  [/^(SQLITE_READONLY.*|EROFS|EACCES|EPERM)$/, 'read-only', 'the location is read-only or not writable by the server'],
  [/^(SQLITE_CANTOPEN|SQLITE_IOERR.*|EIO|ENOTDIR|EISDIR)$/, 'unavailable', 'the file cannot be opened or written'],
];

/**
 * `err` as a StorageError when it is a storage problem (else null): "<doing> <path>:
 * <reason> (<code>)". `doing` says what failed, e.g. "cannot record the run in".
 */
export function storageError(err: unknown, path: string, doing: string): StorageError | null {
  if (err instanceof StorageError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const found = PROBLEMS.find(([pattern]) => pattern.test(code));
  if (found === undefined) return null;
  const [, problem, reason] = found;
  const hint = problem === 'full' ? 'free some space' : 'make it writable, or point DATA_DIR / DB_PATH / USER_SCENARIOS_DIR elsewhere';
  return new StorageError(`${doing} ${path}: ${reason} (${code}); ${hint}`, problem, path);
}

/** Runs `write`; a storage problem comes out as a StorageError naming `path`, anything else unchanged. */
export function guardStorage<T>(path: string, doing: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    throw storageError(err, path, doing) ?? err;
  }
}

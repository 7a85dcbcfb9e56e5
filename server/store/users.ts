import Database from 'better-sqlite3';
import type { z } from 'zod';
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultDbPath } from './history-store.ts';
import { ACCOUNT_ROLES, type AccountRole, type Principal } from '../protocol/access.ts';
import { PasswordSchema, UserNameSchema } from '../protocol/accounts.ts';
import { formatIssues } from '../protocol/errors.ts';

/**
 * Where the accounts live: `USERS_DB_PATH` when set, else the run history's database. Several
 * processes of one service (deploy/compose.yaml) keep their own history each but must share the
 * accounts, or a login made in one process would be unknown to the next: they point
 * USERS_DB_PATH at one file on a shared volume (SQLite in WAL mode serves several processes of one machine).
 */
export function defaultUsersDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.USERS_DB_PATH ? resolve(env.USERS_DB_PATH) : defaultDbPath(env);
}

/**
 * Password hashing with Node's own scrypt (memory-hard, RFC 7914) rather than argon2:
 * argon2 needs a native module (node-gyp or prebuilt binaries per platform), scrypt ships
 * with Node and runs on libuv's thread pool, so hashing never blocks the event loop.
 * N = 2^15, r = 8 (32 MiB per hash, ~0.1 s): the cost OWASP lists for scrypt at its lower end,
 * affordable on a 2-core machine that also streams the plant. The parameters are stored
 * with each hash, so raising them later keeps old hashes verifiable.
 */
const SCRYPT = { logN: 15, r: 8, p: 1, keyLen: 32 } as const;
const SALT_BYTES = 16;
/** Login sessions last this long unless the server says otherwise (LOGIN_TTL). */
export const DEFAULT_LOGIN_TTL_S = 12 * 3600;

export interface UserInfo {
  name: string;
  roles: AccountRole[];
  createdAt: string;
}

export class UserError extends Error {}

function scryptAsync(password: string, salt: Buffer, keyLen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

const scryptOptions = (logN: number, r: number, p: number): ScryptOptions => ({ N: 2 ** logN, r, p, maxmem: 2 * 128 * 2 ** logN * r + 1024 * 1024 });

/** `scrypt$<logN>$<r>$<p>$<salt>$<key>` (base64): self-describing, one column. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, SCRYPT.keyLen, scryptOptions(SCRYPT.logN, SCRYPT.r, SCRYPT.p));
  return ['scrypt', SCRYPT.logN, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time comparison of the derived key with the stored one. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || key === undefined) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, scryptOptions(Number(logN), Number(r), Number(p)));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Verifying against this when the name is unknown makes a wrong name cost as much as a wrong password.
let decoyHash: Promise<string> | null = null;

/** A login token is stored only as its SHA-256: a copy of the database opens no sessions. */
const tokenDigest = (token: string) => createHash('sha256').update(token).digest('hex');

function checked<T extends z.ZodType>(schema: T, value: unknown, field: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new UserError(formatIssues(r.error.issues, [field]).join('; '));
  return r.data;
}

/**
 * Accounts and login sessions in the history's SQLite file (tables `users`, `login_sessions`),
 * on a connection of their own so the admin CLI can change them while the server runs: the
 * server reads them on every request, so a user added from the CLI counts at once.
 */
export class UserStore {
  private readonly db: Database.Database;

  constructor(
    readonly path: string,
    private readonly now: () => number = Date.now,
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS users (
        name TEXT PRIMARY KEY,
        roles TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS login_sessions (
        token_digest TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        -- set for single sign-on users (no row in users): their roles come from the identity provider
        external_roles TEXT
      );
      CREATE INDEX IF NOT EXISTS login_sessions_name ON login_sessions (name);
    `);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): UserInfo[] {
    const rows = this.db.prepare('SELECT name, roles, created_at FROM users ORDER BY name').all() as { name: string; roles: string; created_at: string }[];
    return rows.map((r) => ({ name: r.name, roles: JSON.parse(r.roles) as AccountRole[], createdAt: r.created_at }));
  }

  async add(name: string, roles: readonly AccountRole[], password: string): Promise<UserInfo> {
    const user = checked(UserNameSchema, name, 'name');
    checked(PasswordSchema, password, 'password');
    const known = roles.filter((r) => (ACCOUNT_ROLES as readonly string[]).includes(r));
    if (known.length === 0) throw new UserError(`role: must name at least one role of ${ACCOUNT_ROLES.join(', ')}`);
    if (this.exists(user)) throw new UserError(`name: user "${user}" exists (passwd changes the password, remove deletes the user)`);
    const hash = await hashPassword(password);
    const createdAt = new Date(this.now()).toISOString();
    this.db.prepare('INSERT INTO users (name, roles, password_hash, created_at) VALUES (?, ?, ?, ?)').run(user, JSON.stringify(known), hash, createdAt);
    return { name: user, roles: [...known], createdAt };
  }

  /** Deletes the user and ends their login sessions. */
  remove(name: string): void {
    const tx = this.db.transaction(() => {
      if (this.db.prepare('DELETE FROM users WHERE name = ?').run(name).changes === 0) throw new UserError(`name: no user "${name}"`);
      this.db.prepare('DELETE FROM login_sessions WHERE name = ?').run(name);
    });
    tx();
  }

  /** A new password ends the user's login sessions: whoever knew the old one is logged out. */
  async setPassword(name: string, password: string): Promise<void> {
    checked(PasswordSchema, password, 'password');
    if (!this.exists(name)) throw new UserError(`name: no user "${name}"`);
    const hash = await hashPassword(password);
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET password_hash = ? WHERE name = ?').run(hash, name);
      this.db.prepare('DELETE FROM login_sessions WHERE name = ?').run(name);
    })();
  }

  /** The user's principal when the password is right, else null (same cost for an unknown name). */
  async verify(name: string, password: string): Promise<Principal | null> {
    const row = this.db.prepare('SELECT name, roles, password_hash FROM users WHERE name = ?').get(name) as { name: string; roles: string; password_hash: string } | undefined;
    if (row === undefined) {
      decoyHash ??= hashPassword(randomBytes(12).toString('base64'));
      await verifyPassword(password, await decoyHash);
      return null;
    }
    return (await verifyPassword(password, row.password_hash)) ? { user: row.name, roles: JSON.parse(row.roles) as AccountRole[] } : null;
  }

  /**
   * Opens a login session; returns the token for the cookie (random 256 bits). `externalRoles`
   * marks a single sign-on user, who has no row in `users`: the session carries their roles.
   */
  startSession(name: string, ttlS = DEFAULT_LOGIN_TTL_S, externalRoles?: readonly AccountRole[]): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + ttlS * 1000;
    this.db.prepare('DELETE FROM login_sessions WHERE expires_at <= ?').run(this.now());
    this.db
      .prepare('INSERT INTO login_sessions (token_digest, name, expires_at, external_roles) VALUES (?, ?, ?, ?)')
      .run(tokenDigest(token), name, expiresAt, externalRoles === undefined ? null : JSON.stringify(externalRoles));
    return { token, expiresAt };
  }

  /** The principal a token stands for; null when unknown, expired, or its (local) user was removed. */
  sessionPrincipal(token: string): Principal | null {
    const row = this.db
      .prepare('SELECT s.name, coalesce(s.external_roles, u.roles) AS roles FROM login_sessions s LEFT JOIN users u ON u.name = s.name WHERE s.token_digest = ? AND s.expires_at > ?')
      .get(tokenDigest(token), this.now()) as { name: string; roles: string | null } | undefined;
    return row === undefined || row.roles === null ? null : { user: row.name, roles: JSON.parse(row.roles) as AccountRole[] };
  }

  endSession(token: string): void {
    this.db.prepare('DELETE FROM login_sessions WHERE token_digest = ?').run(tokenDigest(token));
  }

  private exists(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE name = ?').get(name) !== undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

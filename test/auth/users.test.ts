import { describe, expect, it, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { hashPassword, verifyPassword, UserStore } from '../../server/store/users.ts';
import { main as usersCli } from '../../server/cli/users.ts';

const dir = mkdtempSync(join(tmpdir(), 'twin-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('password hashes', () => {
  it('verifies the right password, refuses a wrong one, and salts every hash', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$/);
    // Same password, different random salt: the stored strings differ, so equal passwords cannot be spotted in the table.
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse battery', b)).toBe(true);
    expect(await verifyPassword('correct horse batterz', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'md5$abc')).toBe(false);
  });
});

describe('user store', () => {
  it('adds users, checks passwords, and opens, expires and ends login sessions', async () => {
    let now = Date.parse('2026-12-06T10:00:00Z');
    const store = new UserStore(join(dir, 'store.db'), () => now);
    await store.add('paul', ['planner', 'instructor'], 'correct horse battery');
    expect(store.count()).toBe(1);
    await expect(store.add('paul', ['viewer'], 'correct horse battery')).rejects.toThrow(/^name: user "paul" exists/);
    await expect(store.add('x y', ['viewer'], 'correct horse battery')).rejects.toThrow(/^name: must be/);
    await expect(store.add('vera', ['viewer'], 'short')).rejects.toThrow(/^password: must be at least 10 characters/);
    expect(await store.verify('paul', 'correct horse battery')).toEqual({ user: 'paul', roles: ['planner', 'instructor'] });
    expect(await store.verify('paul', 'wrong password')).toBeNull();
    expect(await store.verify('nobody', 'correct horse battery')).toBeNull();

    const { token } = store.startSession('paul', 3600);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(store.sessionPrincipal(token)).toEqual({ user: 'paul', roles: ['planner', 'instructor'] });
    expect(store.sessionPrincipal(`${token}x`)).toBeNull();
    now += 3601 * 1000; // one second past the 1 h lifetime
    expect(store.sessionPrincipal(token)).toBeNull();

    const second = store.startSession('paul', 3600).token;
    await store.setPassword('paul', 'another long password');
    expect(store.sessionPrincipal(second)).toBeNull(); // a new password logs everyone out
    expect(await store.verify('paul', 'another long password')).not.toBeNull();
    const third = store.startSession('paul', 3600).token;
    store.endSession(third);
    expect(store.sessionPrincipal(third)).toBeNull();
    const fourth = store.startSession('paul', 3600).token;
    store.remove('paul');
    expect(store.sessionPrincipal(fourth)).toBeNull();
    expect(() => store.remove('paul')).toThrow(/^name: no user "paul"/);
    store.close();
  });
});

describe('npm run users', () => {
  const db = join(dir, 'cli.db');
  async function run(args: string[], stdin = '') {
    let out = '';
    let err = '';
    const code = await usersCli(['--db', db, ...args], { stdin: Readable.from([stdin]), out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }

  it('adds users with roles, lists them, and names the bad field', async () => {
    expect(await run(['add', 'ines', '--role', 'instructor,planner', '--password-stdin'], 'correct horse battery\n')).toMatchObject({ code: 0, out: 'added ines (instructor, planner)\n' });
    const generated = await run(['add', 'vera', '--role', 'viewer']);
    expect(generated.code).toBe(0);
    const password = /password: (\S+)/.exec(generated.out)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);

    const list = await run(['list', '--json']);
    expect(JSON.parse(list.out).map((u: { name: string; roles: string[] }) => [u.name, u.roles])).toEqual([
      ['ines', ['instructor', 'planner']],
      ['vera', ['viewer']],
    ]);
    const store = new UserStore(db);
    expect(await store.verify('ines', 'correct horse battery')).not.toBeNull();
    expect(await store.verify('vera', password!)).not.toBeNull();
    store.close();

    expect(await run(['add', 'bob', '--role', 'boss'])).toMatchObject({ code: 2, err: 'error: --role: unknown role "boss"; roles are viewer, planner, instructor, admin\n' });
    expect(await run(['add', 'bob', '--role', 'viewer', '--password-stdin'], 'short\n')).toMatchObject({ code: 2, err: 'error: password: must be at least 10 characters\n' });
    expect(await run(['add', 'ines', '--role', 'viewer'])).toMatchObject({ code: 2 });
    expect((await run(['add', 'bob'])).code).not.toBe(0); // --role is required: commander says so
    expect(await run(['remove', 'vera'])).toMatchObject({ code: 0, out: 'removed vera\n' });
    expect(await run(['remove', 'vera'])).toMatchObject({ code: 2, err: 'error: name: no user "vera"\n' });
    expect(await run(['passwd', 'ines', '--password-stdin'], 'a brand new password\n')).toMatchObject({ code: 0 });
    expect((await run(['list'])).out).toMatch(/^ines\tinstructor,planner\t/);
  });
});

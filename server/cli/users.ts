#!/usr/bin/env -S npx tsx
/**
 * `npm run users -- add <name> --role planner[,instructor] [--password-stdin]`, `list`, `remove <name>`,
 * `passwd <name> [--password-stdin]`: accounts in the server's database (DB_PATH / DATA_DIR, or --db).
 * Without --password-stdin a random password is generated and printed once: nothing to echo or
 * to leave in the shell history. Errors name the field (`--role: unknown role "boss"; ...`).
 */
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { parseRoleList } from '../protocol/accounts.ts';
import { UserError, UserStore, defaultUsersDbPath } from '../store/users.ts';

interface Io {
  stdin: NodeJS.ReadableStream;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The first line of standard input, without its line end. */
async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 1000) break;
  }
  return text.split(/\r?\n/)[0];
}

async function password(opts: { passwordStdin?: boolean }, io: Io): Promise<{ value: string; generated: boolean }> {
  if (opts.passwordStdin) return { value: await readPassword(io.stdin), generated: false };
  return { value: randomBytes(15).toString('base64url'), generated: true };
}

export async function main(argv: string[], io: Io = { stdin: process.stdin, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }): Promise<number> {
  let store: UserStore | null = null;
  const open = (db?: string) => (store ??= new UserStore(db ?? defaultUsersDbPath()));
  const program = new Command('users')
    .description('Accounts of the twin server: who may log in, with which roles (viewer, planner, instructor, admin)')
    .option('--db <path>', 'database file (default: USERS_DB_PATH, else DB_PATH, else DATA_DIR/twin.db, else data/twin.db)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const db = () => program.opts<{ db?: string }>().db;

  program
    .command('add <name>')
    .description('add a user with roles; prints a generated password unless --password-stdin')
    .requiredOption('--role <roles>', 'comma-separated roles: viewer, planner, instructor, admin')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(async (name: string, opts: { role: string; passwordStdin?: boolean }) => {
      const roles = parseRoleList(opts.role, '--role');
      const pw = await password(opts, io);
      const user = await open(db()).add(name, roles, pw.value);
      io.out(`added ${user.name} (${user.roles.join(', ')})\n`);
      if (pw.generated) io.out(`password: ${pw.value}\n`);
    });
  program
    .command('list')
    .description('list users and their roles')
    .option('--json', 'one JSON document')
    .action((opts: { json?: boolean }) => {
      const users = open(db()).list();
      if (opts.json) io.out(`${JSON.stringify(users, null, 2)}\n`);
      else if (users.length === 0) io.out('no users: the server is a desk tool on loopback, view-only for anonymous visitors on the network\n');
      else for (const u of users) io.out(`${u.name}\t${u.roles.join(',')}\t${u.createdAt}\n`);
    });
  program
    .command('remove <name>')
    .description('delete a user and end their login sessions')
    .action((name: string) => {
      open(db()).remove(name);
      io.out(`removed ${name}\n`);
    });
  program
    .command('passwd <name>')
    .description('set a new password (ends the user\'s login sessions); prints a generated one unless --password-stdin')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(async (name: string, opts: { passwordStdin?: boolean }) => {
      const pw = await password(opts, io);
      await open(db()).setPassword(name, pw.value);
      io.out(`password of ${name} changed\n`);
      if (pw.generated) io.out(`password: ${pw.value}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return 0;
    if (e.code?.startsWith('commander.')) return e.exitCode ?? 2; // commander printed the message
    if (err instanceof UserError || (err instanceof Error && /^[-\w.]+: /.test(err.message))) {
      io.err(`error: ${err.message}\n`);
      return 2;
    }
    io.err(`error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  } finally {
    (store as UserStore | null)?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));

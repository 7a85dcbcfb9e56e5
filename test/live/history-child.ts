import { join } from 'node:path';
import { startTwinServer } from '../../server/api/twin-server.ts';

/**
 * One server process of a service, in its own OS process so a test can SIGKILL it:
 * argv = Redis URL, a folder for its own history database, the shared accounts database.
 * No public plant and one experiment thread (light on the shared machine). Prints one JSON
 * line when it listens: its URL and its process id in the service.
 */
const [redisUrl, dir, usersDbPath] = process.argv.slice(2);
const server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'a.db'), usersDbPath, experimentThreads: 1, publicSession: false, clientDir: join(dir, 'no-client'), redisUrl });
process.stdout.write(`${JSON.stringify({ url: server.url, processId: server.cluster?.processId ?? null })}\n`);

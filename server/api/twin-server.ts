import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Server as SocketServer } from 'socket.io';
import type { Speed } from '../protocol/messages.ts';
import { PROJECT_ROOT } from '../files/model-files.ts';
import { HistoryStore, defaultDbPath } from '../store/history-store.ts';
import { DEFAULT_MODEL_IDS, ModelCatalog } from '../live/model-catalog.ts';
import { SessionManager } from '../live/session-manager.ts';
import { attachLiveServer } from '../live/socket-server.ts';
import type { Session } from '../live/session.ts';
import { BatchRunner } from './batch-runs.ts';
import { createHttpApp, type PublicPlantStatus } from './http-app.ts';
import { startExperiments } from './experiments-wiring.ts';
import { attachExperimentProgress } from './experiments-socket.ts';
import { attachOptimizationProgress } from './optimizations-socket.ts';
import { TrainingService } from '../live/training-service.ts';
import { ExerciseDebriefs } from '../live/exercise-debriefs.ts';
import { exerciseRoutes } from './exercise-routes.ts';
import { AddressBudgets, type AddressLimits } from '../live/address-budgets.ts';
import { writeBudget } from './write-budget.ts';
import { RedisCluster } from '../live/redis-cluster.ts';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { UserStore } from '../store/users.ts';
import { AccessPolicy, type AccessOptions } from './access-policy.ts';
import { accessGuard } from './access.ts';
import { authRoutes } from './auth-routes.ts';
import { guardSockets } from './access-socket.ts';
import { oidcRoutes, type OidcOptions } from './oidc-routes.ts';
import { ServiceReads } from '../live/service-reads.ts';
import { readHere, relayedPrincipal, serviceReads } from './service-reads-http.ts';

export interface TwinServerOptions {
  /** 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1: a desk tool until HOST=0.0.0.0 puts it on the network (then anonymous visitors only view). */
  host?: string;
  /** Accounts and origins (see access-policy.ts); the accounts live in the history's database. */
  access?: AccessOptions;
  /** Single sign-on through an OpenID Connect provider (optional). */
  oidc?: OidcOptions;
  dbPath?: string;
  /** The accounts' database (default: the history's); processes of one service share it (USERS_DB_PATH). */
  usersDbPath?: string;
  logger?: Logger;
  frameHz?: number;
  catalog?: ModelCatalog;
  clientDir?: string;
  /** Start the default plant in a public session (default true). */
  publicSession?: boolean;
  publicSpeed?: Speed;
  /** Warm start of the public plant: simulated seconds run at full speed before it is shown (default 0 = from empty). */
  publicWarmupS?: number;
  /**
   * Resolve only once the public session runs (default true, what tests want). False:
   * listen at once and warm the public plant in the background (npm start), so the
   * page and /api/health answer while it warms.
   */
  awaitPublic?: boolean;
  maxSessions?: number;
  /** Sessions with nobody inside stop after this long (SESSION_IDLE_TIMEOUT); default 10 min. */
  idleStopMs?: number;
  corsOrigin?: string | string[];
  runThreads?: number;
  /** Threads of the experiments API's pool (0 = no experiments API). */
  experimentThreads?: number;
  extraRouters?: Router[];
  /** Per-address connection, command and REST write budgets (defaults: DEFAULT_ADDRESS_LIMITS). */
  limits?: Partial<AddressLimits>;
  /** Several processes form one service through this Redis (REDIS_URL); unset: this process alone. */
  redisUrl?: string;
  /** How long this process's session entries and public plant lock outlive it in Redis (default 15 s; tests of a process's death shorten it). */
  redisTtlMs?: number;
}

export interface TwinServer {
  url: string;
  port: number;
  http: HttpServer;
  io: SocketServer;
  manager: SessionManager;
  history: HistoryStore;
  /** The public session; null while it warms up (or when there is none). */
  readonly publicSession: Session | null;
  /** Settles when the public plant runs (null when disabled or when it failed to start). */
  publicReady: Promise<Session | null>;
  /** Interrupted runs found in the history at startup (left running by a previous process). */
  interruptedAtStart: number;
  /** This process's link to the others (null without REDIS_URL). */
  cluster: RedisCluster | null;
  close(reason?: string): Promise<void>;
}

/** How long closing waits for open HTTP connections to finish their answers before cutting them. */
const CLOSE_GRACE_MS = 2000;

/** Composes history, sessions, the batch runner, the REST API and the Socket.IO server on one HTTP port. */
export async function startTwinServer(opts: TwinServerOptions = {}): Promise<TwinServer> {
  const logger = opts.logger;
  const history = new HistoryStore(opts.dbPath ?? defaultDbPath());
  const users = new UserStore(opts.usersDbPath ?? history.path);
  const access = new AccessPolicy(users, opts.host, { ...opts.access, sso: opts.oidc !== undefined, allowedOrigins: [...(opts.access?.allowedOrigins ?? []), ...[opts.corsOrigin ?? []].flat()] });
  const interruptedAtStart = history.markInterrupted();
  if (interruptedAtStart > 0) logger?.warn({ count: interruptedAtStart }, 'runs left running by the previous process are now marked interrupted');
  const catalog = opts.catalog ?? new ModelCatalog();
  const manager = new SessionManager({ catalog, history, logger, frameHz: opts.frameHz ?? 20, maxSessions: opts.maxSessions, idleStopMs: opts.idleStopMs });
  // With Redis the processes share sessions (redis-cluster.ts); an unreachable Redis stops the start with its URL named.
  const cluster = opts.redisUrl ? await joinCluster(opts.redisUrl, manager, history, logger, opts.redisTtlMs) : null;
  const runner = new BatchRunner({ history, threads: opts.runThreads ?? 1 });
  const training = new TrainingService({ manager, catalog, history, logger });
  if (cluster !== null) cluster.training = training; // other processes' trainees act in this process's exercises
  // Finished exercises' debriefs, stored with their runs (the lifecycle's end calls debriefs.compute(runId)).
  const debriefs = new ExerciseDebriefs({ history, logger });
  training.onExerciseEnded = (runId) => void debriefs.compute(runId).catch(() => undefined);
  const experiments = (opts.experimentThreads ?? 1) > 0 ? startExperiments(history, opts.experimentThreads ?? 1, logger, catalog.userScenariosDir) : null;
  let publicSession: Session | null = null;
  const runsPublic = (opts.publicSession ?? true) && (cluster === null || (await cluster.takePublicPlant()));
  if ((opts.publicSession ?? true) && !runsPublic) logger?.info('another process of the service runs the public plant; its viewers here are relayed');
  let publicPlant: PublicPlantStatus = runsPublic ? { status: 'warming', warmupS: opts.publicWarmupS ?? 0 } : { status: 'off' };
  const budgets = new AddressBudgets(opts.limits);
  // With Redis, reads of finished work span the processes; a process asks its own REST API for the others' clients.
  const relaySecret = randomUUID();
  let reads: ServiceReads | null = null;
  let ownBase = '';
  const app = createHttpApp({
    writeBudget: writeBudget(budgets),
    publicPlant: () => publicPlant,
    catalog,
    manager,
    history,
    runner,
    logger,
    clientDir: opts.clientDir ?? join(PROJECT_ROOT, 'dist', 'client'),
    beforeBody: [relayedPrincipal(relaySecret), accessGuard(access), serviceReads(() => reads)],
    extraRouters: [authRoutes(access), ...(opts.oidc ? [oidcRoutes(access, opts.oidc)] : []), ...(experiments ? [experiments.router] : []), training.router(debriefs), exerciseRoutes(history, debriefs), ...(opts.extraRouters ?? [])],
  });
  const http = createServer(app);
  const io = attachLiveServer(http, manager, { logger, corsOrigin: opts.corsOrigin, budgets });
  if (cluster !== null) io.adapter(createAdapter(cluster.redis)); // broadcasts (progress, training) reach every process's sockets
  guardSockets(io, access);
  training.attach(io);
  if (experiments) attachExperimentProgress(io, experiments.manager);
  if (experiments) attachOptimizationProgress(io, experiments.optimizations);

  let bootStart = performance.now();
  const launchPublic = (rethrow: boolean): Promise<Session | null> =>
    startPublicSession(manager, catalog, opts.publicSpeed ?? 60, opts.publicWarmupS ?? 0, logger).then(
          (session) => {
            publicSession = session;
            const warmWallS = Number(((performance.now() - bootStart) / 1000).toFixed(2));
            publicPlant = { status: 'running', warmupS: opts.publicWarmupS ?? 0, sessionId: session.id, warmWallS };
            // The token is the instructor's key to the public session; only the operator who reads the log has it.
            logger?.info({ session: session.id, controllerToken: session.token, warmupS: opts.publicWarmupS ?? 0, warmWallS }, 'public session running');
            return session;
          },
          (err: unknown) => {
            publicPlant = { status: 'failed', warmupS: opts.publicWarmupS ?? 0 };
            if (rethrow) throw err;
            logger?.error({ err: (err as Error).message }, 'the public plant could not start; the server runs without it');
            return null;
          },
        );
  const publicReady: Promise<Session | null> = publicPlant.status === 'off' ? Promise.resolve(null) : launchPublic(opts.awaitPublic ?? true);
  if (opts.publicSession ?? true) {
    // The process that ran the service's public plant is gone: this one takes it over.
    cluster?.onPublicPlantFree(() => {
      bootStart = performance.now();
      publicPlant = { status: 'warming', warmupS: opts.publicWarmupS ?? 0 };
      void launchPublic(false);
    });
  }
  if (opts.awaitPublic ?? true) await publicReady;

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 3000, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  ownBase = loopbackBase(http.address() as AddressInfo);
  if (cluster !== null) {
    reads = await ServiceReads.start(cluster, readHere(() => ownBase, relaySecret));
    const service = reads;
    training.runElsewhere = (runId, principal) => service.run(runId, principal);
  }
  let closing: Promise<void> | null = null;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    http,
    io,
    manager,
    history,
    get publicSession() {
      return publicSession;
    },
    publicReady,
    interruptedAtStart,
    cluster,
    close(reason = 'the server is shutting down') {
      closing ??= (async () => {
        http.close(); // no new connections; requests in flight are answered below
        // The pools first: runs and experiments in progress end as `interrupted`, and the
        // requests waiting on them (POST /api/runs with wait) are answered 503 now, so
        // closing the HTTP server below has nothing left to wait for.
        await runner.close().catch(() => undefined);
        await experiments?.close().catch(() => undefined);
        await publicReady.catch(() => null); // a plant still warming is stopped with the others, not left running
        await manager.stopAll(reason);
        await reads?.close();
        await cluster?.close();
        // io.close also closes the HTTP server and waits for its connections: bounded, a client may hold one open.
        await Promise.race([new Promise<void>((resolve) => io.close(() => resolve())), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
        await new Promise((resolve) => setImmediate(resolve)); // let failed-run records land before the database closes
        history.close();
        users.close();
        http.closeAllConnections();
      })();
      return closing;
    },
  };
}

/** Joins the other processes through Redis; if Redis cannot be reached, closes what was opened and says why. */
async function joinCluster(url: string, manager: SessionManager, history: HistoryStore, logger?: Logger, ttlMs?: number): Promise<RedisCluster> {
  try {
    return await RedisCluster.join(url, manager, logger, { ttlMs });
  } catch (err) {
    await manager.stopAll('no Redis');
    history.close();
    throw err;
  }
}

/**
 * The default plant in a public session; if its file does not validate (say, mid-edit),
 * the next default model, so the server still comes up, with the problem logged.
 */
async function startPublicSession(manager: SessionManager, catalog: ModelCatalog, speed: Speed, warmupS: number, logger?: Logger): Promise<Session> {
  const preferred = catalog.defaultModelId();
  const candidates = [preferred, ...DEFAULT_MODEL_IDS.filter((id) => id !== preferred && catalog.modelIds().includes(id))];
  let lastError: unknown;
  for (const model of candidates) {
    try {
      return await manager.create({ model, public: true, name: 'Public plant', speed, play: true, warmupS });
    } catch (err) {
      lastError = err;
      logger?.error({ model, err: (err as Error).message }, 'cannot run this model in the public session; trying the next');
    }
  }
  throw lastError;
}

/** Where this process reaches its own HTTP server: the bound address, loopback when bound to all of them. */
function loopbackBase({ address, family, port }: AddressInfo): string {
  if (address === '0.0.0.0' || address === '::') return `http://127.0.0.1:${port}`;
  return family === 'IPv6' ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

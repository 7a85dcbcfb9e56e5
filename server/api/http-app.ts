import compression from 'compression';
import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { PROTOCOL_VERSION } from '../protocol/messages.ts';
import type { ModelCatalog } from '../live/model-catalog.ts';
import type { SessionManager } from '../live/session-manager.ts';
import type { HistoryStore } from '../store/history-store.ts';
import type { BatchRunner } from './batch-runs.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { runsRoutes } from './runs-routes.ts';
import { scenarioRoutes } from './scenario-routes.ts';
import { jsonErrors, notFoundApi } from './http-errors.ts';

export interface HttpAppDeps {
  catalog: ModelCatalog;
  manager: SessionManager;
  history: HistoryStore;
  runner: BatchRunner;
  /** The built client (vite output); served at / when it exists. */
  clientDir: string;
  logger?: Logger;
  /** Extra routers under /api, e.g. the experiments API. */
  extraRouters?: Router[];
  /** Handlers under /api that run before the body is read (access and origin checks). */
  beforeBody?: RequestHandler[];
  /** Whether the public plant is warming up or running, for /api/health (the page waits on it). */
  publicPlant?: () => PublicPlantStatus;
}

export type PublicPlantStatus =
  | { status: 'off' | 'failed' | 'warming'; warmupS?: number }
  | { status: 'running'; warmupS: number; sessionId: string; warmWallS: number };

/** Largest accepted request body: an inline model of a few thousand nodes fits. */
export const BODY_LIMIT = '1mb';

/** The REST API and the static client. Routes only translate HTTP to calls; the logic lives below. */
export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Plain http on a plant LAN is normal here: upgrading requests to https would break the client.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, workerSrc: ["'self'", 'blob:'] } } }));
  // Brotli or gzip, as the browser accepts, for the client bundle and JSON (the socket is not affected).
  app.use(compression());
  const started = Date.now();
  let lastLoop = performance.eventLoopUtilization();

  const api = express.Router();
  for (const guard of deps.beforeBody ?? []) api.use(guard);
  api.use(express.json({ limit: BODY_LIMIT }));
  api.get('/health', (_req, res) => {
    res.json({
      ok: true,
      protocol: PROTOCOL_VERSION,
      uptimeS: Math.round((Date.now() - started) / 1000),
      sessions: deps.manager.count,
      runsRecorded: deps.history.count(),
      publicPlant: deps.publicPlant?.() ?? { status: 'off' },
      memoryMb: Math.round(process.memoryUsage().rss / 1048576),
      // Share of time the socket/HTTP thread was busy since the previous health call: the fan-out's headroom.
      mainThreadBusy: Number(performance.eventLoopUtilization(lastLoop).utilization.toFixed(3)),
    });
    lastLoop = performance.eventLoopUtilization();
  });
  api.get('/sessions', (_req, res) => {
    res.json({ sessions: deps.manager.list() });
  });
  api.use(catalogRoutes(deps.catalog));
  api.use(scenarioRoutes(deps.catalog));
  api.use(runsRoutes(deps.catalog, deps.runner, deps.history));
  for (const router of deps.extraRouters ?? []) api.use(router);
  api.use(notFoundApi);
  api.use(jsonErrors(deps.logger));
  app.use('/api', api);

  const index = join(deps.clientDir, 'index.html');
  if (existsSync(index)) {
    app.use(express.static(deps.clientDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes load the app; unknown files under /assets stay 404.
    app.get(/^\/(?!assets\/|socket\.io\/).*/, (_req, res) => res.sendFile(index));
  } else {
    app.get('/', (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send(`The 3D client is not built (no ${index}).\nRun "npm run build:client" (or "npm start", which builds it first). The API is at /api.\n`);
    });
  }
  app.use(jsonErrors(deps.logger));
  return app;
}

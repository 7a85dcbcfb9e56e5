import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { AccountRoleSchema, principalOf, type Principal } from '../protocol/access.ts';
import type { HttpAnswer } from '../live/redis-messages.ts';
import { READ_TIMEOUT_MS, type ReadHere, type ServiceAnswers, type ServiceReads } from '../live/service-reads.ts';

/** A request a process makes to its own REST API for another process's client carries these: never from outside (the secret is this process's alone). */
const RELAY_HEADER = 'x-twin-relay';
const PRINCIPAL_HEADER = 'x-twin-principal';
/** Set on a whole-service answer when some process did not answer in time: the list (or the search for one entry) may be incomplete. */
export const PARTIAL_HEADER = 'X-Twin-Partial';
/** The headers of an answer that travel with it (a debrief's 202 says where to ask again). */
const KEPT_HEADERS = ['location', 'retry-after'];
/** The list routes' own cap on `limit` (runs-routes.ts): a merged page needs offset + limit entries of every process. */
const MAX_RUNS_WINDOW = 500;

const PrincipalSchema = z.object({ user: z.string().nullable(), roles: z.array(AccountRoleSchema) });

/** The reads of one entry that may be stored on another process; any other GET is this process's alone. */
const ONE_ENTRY = [/^\/runs\/[^/]+\/?$/, /^\/training\/exercises\/[^/]+\/debrief\/?$/, /^\/training\/[^/]+\/(log|debrief)\/?$/, /^\/(experiments|optimizations)\/[^/]+\/?$/];

/**
 * Mounted on /api before the access guard: a request this process made to itself for
 * another process's client (readHere) carries that client's principal, which the access
 * guard then uses instead of the cookie. The secret is random per process and never leaves it.
 */
export function relayedPrincipal(secret: string): RequestHandler {
  const expected = Buffer.from(secret);
  return (req, res, next) => {
    const relay = req.headers[RELAY_HEADER];
    const given = Buffer.from(typeof relay === 'string' ? relay : '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return next();
    const raw = req.headers[PRINCIPAL_HEADER];
    const parsed = PrincipalSchema.safeParse(typeof raw === 'string' ? JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) : null);
    if (!parsed.success) return next(); // not one of ours after all: the cookie decides
    res.locals.relayedPrincipal = parsed.data;
    next();
  };
}

/** This process's own answer to a GET (no fan-out: the request is marked relayed), through its own HTTP port `base()`. */
export function readHere(base: () => string, secret: string): ReadHere {
  return async (path, principal) => {
    if (!path.startsWith('/api/')) return { status: 400, body: { error: { status: 400, message: `path: "${path}" is not under /api/` } }, headers: {} };
    const principalHeader = Buffer.from(JSON.stringify(principal)).toString('base64url'); // user names may be Cyrillic: headers are bytes
    const res = await fetch(base() + path, { headers: { [RELAY_HEADER]: secret, [PRINCIPAL_HEADER]: principalHeader }, signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: relayed as text
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return { status: res.status, body, headers };
  };
}

function send(res: Response, answer: HttpAnswer, missing: ServiceAnswers['missing'] = []): void {
  if (missing.length > 0) res.set(PARTIAL_HEADER, missing.map((m) => `${m.process}: ${m.reason}`).join('; '));
  res.set(answer.headers).status(answer.status);
  if (typeof answer.body === 'string') res.send(answer.body);
  else res.json(answer.body);
}

const newestFirst = (a: { startedAt: string }, b: { startedAt: string }) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0);

/** The 200 bodies' entries, merged newest first (each process answered for its own history). */
function merged<T extends { startedAt: string }>(lists: T[][]): T[] {
  return lists.flat().sort(newestFirst);
}

/**
 * With REDIS_URL: the run history, finished exercises, debriefs, logs and experiment
 * results of every process of the service, on any process. A list asks every process
 * for its own and merges them newest first with the same paging; one entry that is
 * not here is asked of the others and their owner's answer (status, body, Location) is
 * relayed as it is. Roles are checked here (the local answer comes first) and again by
 * the owner, which gets the asking client's principal. Processes that do not answer
 * within READ_TIMEOUT_MS are left out and named in the X-Twin-Partial header.
 */
export function serviceReads(reads: () => ServiceReads | null): RequestHandler {
  return (req, res, next) => {
    const service = reads();
    if (req.method !== 'GET' || service === null || res.locals.relayedPrincipal !== undefined) return next();
    const principal = principalOf(res.locals);
    let answering: Promise<void> | null = null;
    if (/^\/runs\/?$/.test(req.path)) answering = runsList(service, principal, req.originalUrl, res);
    else if (/^\/training\/exercises\/?$/.test(req.path)) answering = exercisesList(service, principal, req.originalUrl, res);
    else if (ONE_ENTRY.some((p) => p.test(req.path))) answering = oneEntry(service, principal, req.originalUrl, res);
    if (answering === null) return next();
    answering.catch(next);
  };
}

async function oneEntry(service: ServiceReads, principal: Principal, path: string, res: Response): Promise<void> {
  const local = await service.local(path, principal);
  if (local.status !== 404) return send(res, local);
  const { answer, missing } = await service.one(path, principal);
  if (answer !== null) return send(res, answer);
  send(res, local, missing);
}

async function runsList(service: ServiceReads, principal: Principal, url: string, res: Response): Promise<void> {
  const local = await service.local(url, principal);
  if (local.status !== 200) return send(res, local); // a bad query: the same 400 as on one process
  const query = new URL(url, 'http://x').searchParams;
  const limit = Number(query.get('limit') ?? 50);
  const offset = Number(query.get('offset') ?? 0);
  if (offset + limit > MAX_RUNS_WINDOW) {
    return send(res, { status: 400, body: { error: { status: 400, message: `offset: with several processes offset + limit must be <= ${MAX_RUNS_WINDOW} (got ${offset + limit})` } }, headers: {} });
  }
  // Every process's newest offset + limit entries hold the merged page.
  query.set('limit', String(offset + limit));
  query.set('offset', '0');
  const wide = `/api/runs?${query.toString()}`;
  const own = offset === 0 ? local : await service.local(wide, principal);
  const { answers, missing } = await service.all(wide, principal);
  const lists = [own, ...answers].filter((a) => a.status === 200).map((a) => (a.body as { runs: { startedAt: string }[] }).runs);
  const runs = merged(lists).slice(offset, offset + limit);
  send(res, { status: 200, body: missing.length > 0 ? { runs, partial: { missing } } : { runs }, headers: {} }, missing);
}

async function exercisesList(service: ServiceReads, principal: Principal, url: string, res: Response): Promise<void> {
  const local = await service.local(url, principal);
  if (local.status !== 200) return send(res, local);
  const limit = Number(new URL(url, 'http://x').searchParams.get('limit') ?? 50);
  const { answers, missing } = await service.all(url, principal);
  const lists = [local, ...answers].filter((a) => a.status === 200).map((a) => a.body as { startedAt: string }[]);
  send(res, { status: 200, body: merged(lists).slice(0, limit), headers: {} }, missing);
}

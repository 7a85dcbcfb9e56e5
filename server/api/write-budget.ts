import type { RequestHandler } from 'express';
import type { AddressBudgets } from '../live/address-budgets.ts';

/** Methods that change something (or start work); reads stay unmetered. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Express middleware: every REST write spends one of its address's writes per
 * minute; beyond that 429 with Retry-After and a message, before the body is read.
 */
export function writeBudget(budgets: AddressBudgets): RequestHandler {
  return (req, res, next) => {
    if (!WRITES.has(req.method)) return next();
    const address = budgets.addressOf(req.socket.remoteAddress, req.headers);
    budgets.spendWrite(address).then(
      (refused) => {
        if (refused === null) return next();
        res.set('Retry-After', String(refused.retryAfterS)).status(429).json({ error: { status: 429, message: refused.message, code: 'rate-limited', params: { retryAfterS: refused.retryAfterS } } });
      },
      next,
    );
  };
}

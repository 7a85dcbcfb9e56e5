import { createHash } from 'node:crypto';
import { compileModel, type CompiledModel } from '../plant/compiled-model.ts';
import type { Model } from '../protocol/model.ts';

/**
 * Compiled models of this thread, by a hash of the model's content: a worker
 * that runs many replications of the same alternative (it receives a fresh copy
 * of the model with each task) compiles it once. A few models stay, the least
 * recently used leaving first: an optimiser's candidates are many but each is
 * run several times in a row.
 */
const MAX_MODELS = 16;
const byKey = new Map<string, CompiledModel>();
/** Within one thread the same object is often passed again (inline runs): no hashing then. */
const byObject = new WeakMap<Model, CompiledModel>();
let compiles = 0;

export function compiledFor(model: Model): CompiledModel {
  const known = byObject.get(model);
  if (known !== undefined) return known;
  const key = modelKey(model);
  let compiled = byKey.get(key);
  if (compiled === undefined) {
    compiled = compileModel(model);
    compiles++;
    if (byKey.size >= MAX_MODELS) byKey.delete(byKey.keys().next().value!);
  } else byKey.delete(key);
  byKey.set(key, compiled);
  byObject.set(model, compiled);
  return compiled;
}

/** Models compiled by this thread so far (tests check that replications reuse them). */
export function compileCount(): number {
  return compiles;
}

/** A content hash; non-finite numbers (which JSON would write as null) keep their identity. */
function modelKey(model: Model): string {
  const json = JSON.stringify(model, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? `\u0000${value}` : value));
  return createHash('sha256').update(json).digest('hex');
}

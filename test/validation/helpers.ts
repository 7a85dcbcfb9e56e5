/**
 * Small inline models and run helpers for the model-level validations. Each test
 * builds the few nodes it needs; nothing here hides a tolerance.
 */
import { expect } from 'vitest';
import { ModelSchema, type Model, type ModelInput } from '../../server/protocol/model.ts';
import { ValidationError, parseOrThrow } from '../../server/protocol/errors.ts';
import { runReplication } from '../../server/experiments/runner.ts';
import type { ReplicationReport } from '../../server/plant/report.ts';
import { estimate, type Estimate } from './statistics.ts';

export type NodeInput = ModelInput['nodes'][number];
export type DistInput = { dist: string; [k: string]: unknown };

export const exponential = (mean: number) => ({ dist: 'exponential' as const, mean });
export const constant = (value: number) => ({ dist: 'constant' as const, value });

/** Validates a model built inline (throws with the schema's messages if it is wrong). */
export function buildModel(nodes: NodeInput[], extra: Partial<ModelInput> = {}): Model {
  return ModelSchema.parse({ name: 'validation', ...extra, nodes });
}

export interface RunPlan {
  horizonS: number;
  warmupS: number;
  replications: number;
  seed: number;
}

/** Independent replications (separate random-stream jumps) of one model, as the runner makes them. */
export function replicate(model: Model, plan: RunPlan): ReplicationReport[] {
  const out: ReplicationReport[] = [];
  for (let r = 0; r < plan.replications; r++) out.push(runReplication(model, plan, r).report);
  return out;
}

/** A numeric field of a node's report. */
export function nodeField(report: ReplicationReport, id: string, field: string): number {
  const value = report.nodes[id]?.[field];
  if (typeof value !== 'number') throw new Error(`nodes.${id}.${field} is not a number: ${String(value)}`);
  return value;
}

/** One server state's share, e.g. state(report, 'm1', 'down'). */
export function stateShare(report: ReplicationReport, id: string, state: string): number {
  const states = report.nodes[id]?.states as Record<string, number> | undefined;
  if (states === undefined || typeof states[state] !== 'number') throw new Error(`nodes.${id}.states.${state} missing`);
  return states[state];
}

/**
 * Asserts that the mean of independent observations agrees with a theoretical
 * value to within Z standard errors (see statistics.ts), and that the test has
 * the power to see a real error: the acceptance half-width must be below
 * `maxRelHalf` of the theoretical value, so a bug of that size cannot pass.
 */
export function expectAgrees(values: readonly number[], theory: number, what: string, maxRelHalf = 0.03): Estimate {
  const e = estimate(values);
  const detail = `${what}: simulated ${e.mean.toFixed(5)} ± ${e.half.toFixed(5)} (4σ, n=${e.n}), theory ${theory.toFixed(5)}`;
  if (process.env.VALIDATION_LOG) console.log(detail);
  expect(Math.abs(e.mean - theory), detail).toBeLessThanOrEqual(e.half);
  expect(e.half, `${detail}: too imprecise to detect a ${(maxRelHalf * 100).toFixed(0)} % error`).toBeLessThan(maxRelHalf * Math.abs(theory));
  return e;
}

/** Runs `fn`, which must refuse its input with a ValidationError; returns the problem lines. */
export function refusal(fn: () => unknown, what = 'the input'): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).problems;
  }
  throw new Error(`${what} was accepted`);
}

/** The problem lines with which ModelSchema refuses `model`. */
export const modelProblems = (model: unknown): string[] => refusal(() => parseOrThrow(ModelSchema, model, 'model'), 'model');

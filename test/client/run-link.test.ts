import { describe, expect, it } from 'vitest';
import { capacityHash, experimentHash, optimizeHash, parseRoute, trainingHash } from '../../client/src/capacity/run-link.ts';

describe('links to stored runs and experiments', () => {
  it('round-trips run ids through the capacity hash, base first', () => {
    const ids = ['b8ce83f4-0cdc-441b-8174-8ae8ef351586', 'b08cf2bd-0ac1-47ca-b68f-c80cc335bb60'];
    expect(capacityHash(ids)).toBe(`#/capacity/run/${ids[0]},${ids[1]}`);
    expect(parseRoute(capacityHash(ids))).toEqual({ page: 'capacity', runIds: ids });
    expect(parseRoute('#/capacity')).toEqual({ page: 'capacity', runIds: [] });
  });
  it('opens experiments by id and ignores what is not a route', () => {
    expect(parseRoute(experimentHash('a510e8de'))).toEqual({ page: 'experiments', experimentId: 'a510e8de' });
    expect(parseRoute('#/experiments')).toEqual({ page: 'experiments', experimentId: null });
    expect(parseRoute(optimizeHash('b7c1'))).toEqual({ page: 'optimize', optimizationId: 'b7c1' });
    expect(parseRoute('#/optimize/..%2Fx')).toEqual({ page: 'optimize', optimizationId: null });
    expect(parseRoute('')).toBeNull();
    expect(parseRoute('#/capacity/run/..%2Fetc,ok-1')).toEqual({ page: 'capacity', runIds: ['ok-1'] });
  });
  it('opens a finished exercise\'s debrief by its run id, or the list of exercises', () => {
    expect(trainingHash('Ab3_x-9')).toBe('#/training/debrief/Ab3_x-9');
    expect(parseRoute(trainingHash('Ab3_x-9'))).toEqual({ page: 'training', debriefOf: 'Ab3_x-9' });
    expect(parseRoute(trainingHash(null))).toEqual({ page: 'training', debriefOf: null });
    expect(parseRoute('#/training/debrief/..%2Fx')).toEqual({ page: 'training', debriefOf: null });
  });
});

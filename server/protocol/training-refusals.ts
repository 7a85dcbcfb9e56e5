import { z } from 'zod';

/**
 * Why the server refused a trainee's request, as a key and its parameters, so the
 * client says it in the trainee's language and says what to do instead
 * (client/src/training/refusal-text.ts holds the sentences). The English `message`
 * of the reply stays for logs and scripts. One list: the server may send only these.
 */
export const REFUSAL_KEYS = [
  /** The instructor has not granted this trainee actions. */
  'notGranted',
  /** Only the instructor may do this. */
  'instructorOnly',
  /** The exercise waits in the lobby; params: none. */
  'notStarted',
  /** The exercise is over. */
  'exerciseEnded',
  /** No exercise in the lobby or running has this join code. */
  'unknownCode',
  /** The script has teams: pick one of `teams`. */
  'teamRequired',
  /** `team` is not one of the script's `teams`. */
  'unknownTeam',
  /** Another trainee already uses `name`. */
  'nameTaken',
  /** `nodeId` is not in the model. */
  'noSuchNode',
  /** `nodeId` is not a machine (a `type`). */
  'notStation',
  /** `nodeId` is not a buffer (a `type`). */
  'notBuffer',
  /** `nodeId` has `servers` servers; `server` is out of range. */
  'noSuchServer',
  /** `nodeId` has no repair crew pool. */
  'noCrewPool',
  /** `nodeId` is not waiting for a crew of `pool`. */
  'crewNotWaiting',
  /** `nodeId` sends everything to one destination. */
  'singleRoute',
  /** `dest` is not a destination of `nodeId` (`dests`). */
  'notDestination',
  /** Too many training commands per second (`limit`). */
  'tooFast',
  /** Script event `index` has fired (or been skipped) already. */
  'eventDone',
] as const;
export type RefusalKey = (typeof REFUSAL_KEYS)[number];

export const RefusalSchema = z.object({
  key: z.enum(REFUSAL_KEYS),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type Refusal = z.output<typeof RefusalSchema>;

export const refusal = (key: RefusalKey, params: Record<string, string | number> = {}): Refusal => ({ key, params });

import type { TrackedStatus } from '../../../server/protocol/experiment-progress.ts';

/**
 * How a long server job (an experiment, an optimisation) stands, in one place for every page
 * that follows one (appended to strings.ts). Russian uses the neuter short forms a status line
 * takes ("завершено", "отменено"), so one word fits an experiment and an optimisation alike.
 */
export const jobsEn = {
  status_queued: 'queued',
  status_running: 'running',
  status_finished: 'finished',
  status_failed: 'failed',
  status_cancelled: 'cancelled',
  'status_timed-out': 'timed out',
} as const satisfies Record<`status_${TrackedStatus}`, string>;

export const jobsRu: Record<keyof typeof jobsEn, string> = {
  status_queued: 'в очереди',
  status_running: 'выполняется',
  status_finished: 'завершено',
  status_failed: 'ошибка',
  status_cancelled: 'отменено',
  'status_timed-out': 'превышено время',
};

/** The key of a job status's word. */
export const statusKey = (status: TrackedStatus): keyof typeof jobsEn => `status_${status}`;

/** A job's status word and what its page counts after it ("running · replications 4 / 500"); the status alone when there is no count. */
export const statusLine = (status: string, counts: string): string => (counts === '' ? status : `${status} · ${counts}`);

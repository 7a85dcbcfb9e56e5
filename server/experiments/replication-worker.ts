import { runTask, type Outcome, type Task } from './task.ts';

/** Entry point of a pool thread: runs one task. */
export default function work(task: Task): Outcome {
  return runTask(task);
}

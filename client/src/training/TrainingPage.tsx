import { useExercises } from './exercises-store.ts';
import { ExercisesList } from './ExercisesList.tsx';
import { DebriefPage } from './DebriefPage.tsx';
import '../capacity/planner.css';
import './debrief.css';

/** #/training/exercises: the finished exercises; #/training/debrief/<runId>: one exercise's debrief. */
export function TrainingPage() {
  const debriefOf = useExercises((s) => s.debriefOf);
  return <main className="training-page">{debriefOf === null ? <ExercisesList /> : <DebriefPage runId={debriefOf} />}</main>;
}

import type { ReactNode } from 'react';

/** A refused request: the server's message and, when the schema named them, one line per bad field. */
export function RefusalBox({ error, testId, title }: { error: { message?: string; problems?: string[] }; testId: string; title?: ReactNode }) {
  return (
    <div className="edit-problems" role="alert" data-testid={testId}>
      {title}
      {error.message}
      {error.problems && error.problems.length > 0 && (
        <ul>
          {error.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

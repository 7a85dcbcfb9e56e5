import type { ReactNode } from 'react';
import type { Failure } from '../../../server/protocol/failures.ts';
import { failureText, problemText } from '../i18n/failure-text.ts';
import { useFormat } from './hooks.ts';

/**
 * A refused request: the server's message (in Russian by its failure code on a Russian page)
 * and, when the schema named them, one line per bad field, its reason translated where known.
 */
export function RefusalBox({ error, testId, title }: { error: { message?: string; problems?: string[]; failure?: Failure | null }; testId: string; title?: ReactNode }) {
  const { locale } = useFormat();
  return (
    <div className="edit-problems" role="alert" data-testid={testId}>
      {title}
      {failureText(locale, error)}
      {error.problems && error.problems.length > 0 && (
        <ul>
          {error.problems.map((p) => (
            <li key={p}>{problemText(locale, p)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

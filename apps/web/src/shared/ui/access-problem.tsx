import type { ReactNode } from 'react';
import './access-problem.css';

/** A whole-screen plain-English message when a screen cannot show its data, with what to do next. */
export function AccessProblem({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <main className="access-problem" data-testid="access-problem">
      <div className="access-problem__panel" role="alert">
        <h1 className="access-problem__title">{title}</h1>
        <div className="access-problem__body">{children}</div>
        {actions !== undefined && <div className="access-problem__actions">{actions}</div>}
      </div>
    </main>
  );
}

import { type Ref, useId } from 'react';

/** A problem with one field: its message, and the field's id for the summary's link. */
export interface FieldProblem {
  fieldId: string;
  message: string;
}

/**
 * The NHS error summary, above a form after a failed submit. The form focuses it, so screen readers
 * read the problems out; each one links to its field.
 */
export function ErrorSummary({
  problems,
  ref,
}: {
  problems: readonly FieldProblem[];
  ref: Ref<HTMLDivElement>;
}) {
  const titleId = useId();
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h3 id={titleId} className="error-summary__title">
        There is a problem
      </h3>
      <ul className="error-summary__list">
        {problems.map(({ fieldId, message }) => (
          <li key={fieldId}>
            <a
              href={`#${fieldId}`}
              onClick={(event) => {
                // Focus the field itself (a fragment link only scrolls to it), and leave the address alone.
                event.preventDefault();
                document.getElementById(fieldId)?.focus();
              }}
            >
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A field's error message; the field names it in aria-describedby, so it is read with the field. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p id={id} className="entry-field__error">
      <span className="visually-hidden">Error:</span> {message}
    </p>
  );
}

/** The aria-describedby of a field: its hint and its error message, those it has. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id) => typeof id === 'string' && id !== '');
  return present.length === 0 ? undefined : present.join(' ');
}

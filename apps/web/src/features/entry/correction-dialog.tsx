import { CALLSIGN_PATTERN, CATEGORIES, type CorrectableField, type Handover } from '@handover/domain';
import { type FormEvent, useId, useState } from 'react';
import { formatLondonTime, formatLondonTimeNear } from '../../shared/lib/format-time';
import { Dialog } from '../../shared/ui/dialog';
import { serverNow } from '../../stores/live-store';
import { FIELD_NAMES } from './describe-event';
import { correctionEvent } from './entry-events';
import { describedBy, FieldError } from './form-errors';
import type { RecordEvent } from './record-event';
import { instantOnDayOf } from './typed-time';

const CALLSIGN = new RegExp(CALLSIGN_PATTERN);
const TIME_FIELDS = ['arrivedAt', 'edHandedOverAt', 'clearedAt'] as const;
type TimeField = (typeof TIME_FIELDS)[number];

/** The fields an ED may correct: its own stamps (never the crew's), category and callsign. */
function correctableFields(handover: Handover): CorrectableField[] {
  const fields: CorrectableField[] = TIME_FIELDS.filter((field) => handover[field] !== undefined);
  return [...fields, 'category', 'callsign'];
}

function isTimeField(field: CorrectableField): field is TimeField {
  return (TIME_FIELDS as readonly string[]).includes(field);
}

function currentValue(handover: Handover, field: CorrectableField): string {
  if (isTimeField(field)) {
    const value = handover[field];
    return value === undefined ? '' : formatLondonTime(value);
  }
  if (field === 'category') return handover.category === undefined ? '' : String(handover.category);
  return field === 'callsign' ? handover.callsign : '';
}

/** The recorded value as the hint shows it: a time from another day with its date, which the new time keeps. */
function recordedText(handover: Handover, field: CorrectableField, now: number): string {
  const value = isTimeField(field) ? handover[field] : undefined;
  if (value !== undefined) return formatLondonTimeNear(value, now);
  return currentValue(handover, field) || 'not given';
}

/** A correction: which value was wrong, the right value, and why (the reason is mandatory). */
export function CorrectionDialog({
  handover,
  record,
  onClose,
}: {
  handover: Handover;
  record: RecordEvent;
  onClose: () => void;
}) {
  const fields = correctableFields(handover);
  const [field, setField] = useState<CorrectableField>(fields[0] ?? 'callsign');
  const [value, setValue] = useState(() => currentValue(handover, fields[0] ?? 'callsign'));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Partial<Record<'value' | 'reason', string>>>({});
  const ids = { field: useId(), value: useId(), reason: useId() };
  const hintIds = { value: useId(), reason: useId() };
  const errorIds = { value: useId(), reason: useId() };

  const chooseField = (next: CorrectableField) => {
    setField(next);
    setValue(currentValue(handover, next));
    setProblems({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<'value' | 'reason', string>> = {};
    const newValue = parseValue(handover, field, value);
    if (newValue === null) found.value = problemText(field);
    else if (String(newValue) === String(parseValue(handover, field, currentValue(handover, field)))) {
      found.value = 'Enter the correct value: it is the same as the one recorded';
    }
    if (reason.trim() === '') found.reason = 'Enter why the recorded value was wrong';
    setProblems(found);
    if (newValue === null || Object.keys(found).length > 0) {
      // Focus the first field to fix: screen readers read its error with it (aria-describedby).
      document.getElementById(found.value === undefined ? ids.reason : ids.value)?.focus();
      return;
    }
    record(correctionEvent(handover.handoverId, field, newValue, reason, serverNow()));
    onClose();
  };

  const valueDescription = describedBy(hintIds.value, problems.value !== undefined && errorIds.value);
  return (
    <Dialog title={`Correct ${handover.callsign}`} onClose={onClose}>
      <form className="correction" onSubmit={submit} noValidate>
        <div className="entry-field">
          <label htmlFor={ids.field} className="entry-field__label">
            What was wrong
          </label>
          <select
            id={ids.field}
            className="entry-input"
            value={field}
            onChange={(event) => chooseField(event.target.value as CorrectableField)}
          >
            {fields.map((option) => (
              <option key={option} value={option}>
                {capitalise(FIELD_NAMES[option])}
              </option>
            ))}
          </select>
        </div>
        <div className={problems.value === undefined ? 'entry-field' : 'entry-field entry-field--error'}>
          <label htmlFor={ids.value} className="entry-field__label">
            Correct {FIELD_NAMES[field]}
          </label>
          <p id={hintIds.value} className="entry-field__hint">
            Recorded: {recordedText(handover, field, serverNow())}
          </p>
          <FieldError id={errorIds.value} message={problems.value} />
          {field === 'category' ? (
            <select
              id={ids.value}
              className="entry-input"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              aria-invalid={problems.value !== undefined}
              aria-describedby={valueDescription}
            >
              <option value="">Choose…</option>
              {CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  Category {category}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={ids.value}
              className="entry-input"
              type={isTimeField(field) ? 'time' : 'text'}
              value={value}
              onChange={(event) =>
                setValue(field === 'callsign' ? event.target.value.toUpperCase() : event.target.value)
              }
              aria-invalid={problems.value !== undefined}
              aria-describedby={valueDescription}
            />
          )}
        </div>
        <div className={problems.reason === undefined ? 'entry-field' : 'entry-field entry-field--error'}>
          <label htmlFor={ids.reason} className="entry-field__label">
            Reason
          </label>
          <p id={hintIds.reason} className="entry-field__hint">
            Kept in the audit trail. No patient details.
          </p>
          <FieldError id={errorIds.reason} message={problems.reason} />
          <textarea
            id={ids.reason}
            className="entry-input entry-input--reason"
            value={reason}
            maxLength={500}
            rows={3}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={problems.reason !== undefined}
            aria-describedby={describedBy(hintIds.reason, problems.reason !== undefined && errorIds.reason)}
          />
        </div>
        <div className="correction__actions">
          <button type="submit" className="button button--large">
            Save correction
          </button>
          <button type="button" className="button button--secondary button--large" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The wire value of a correction, or null when what was typed is not valid for the field. */
function parseValue(handover: Handover, field: CorrectableField, text: string): string | number | null {
  if (isTimeField(field)) {
    const original = handover[field];
    const instant = original === undefined ? null : instantOnDayOf(original, text);
    return instant === null ? null : new Date(instant).toISOString();
  }
  if (field === 'category') {
    const category = Number(text);
    return (CATEGORIES as readonly number[]).includes(category) ? category : null;
  }
  const callsign = text.trim().toUpperCase();
  return CALLSIGN.test(callsign) ? callsign : null;
}

function problemText(field: CorrectableField): string {
  if (isTimeField(field)) return 'Enter the time as hours and minutes, like 14:05';
  if (field === 'category') return 'Choose a category from 1 to 5';
  return 'Enter the callsign: up to 16 letters or numbers';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

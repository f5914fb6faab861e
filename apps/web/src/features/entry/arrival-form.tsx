import { CALLSIGN_PATTERN, CATEGORIES, type Category, localDateOf } from '@handover/domain';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { formatLondonShortDate, formatLondonTime, formatLondonTimeNear } from '../../shared/lib/format-time';
import { shortAmbulanceServiceName } from '../../shared/lib/trust-names';
import { serverNow } from '../../stores/live-store';
import type { OrganisationDirectory } from '../../stores/organisations-store';
import { useTickNow } from '../../stores/tick-store';
import { type ArrivalDetails, arrivalEvent } from './entry-events';
import { describedBy, ErrorSummary, FieldError } from './form-errors';
import type { RecordEvent } from './record-event';
import { instantOfTypedTime } from './typed-time';

const CALLSIGN = new RegExp(CALLSIGN_PATTERN);
const TRUST_KEY = 'handover.entry.ambulanceTrust';

interface ArrivalFormProps {
  siteCode: string;
  directory: OrganisationDirectory | null;
  /** The ambulance service most often at this ED just now: the default until staff pick one. */
  usualTrustCode: string | undefined;
  record: RecordEvent;
}

const FIELDS = ['callsign', 'trust', 'time'] as const;
type Problems = Partial<Record<(typeof FIELDS)[number], string>>;

/** Records an ambulance arriving: starts its handover clock. */
export function ArrivalForm({ siteCode, directory, usualTrustCode, record }: ArrivalFormProps) {
  const [callsign, setCallsign] = useState('');
  const [trust, setTrust] = useState(() => readLastTrust());
  const [category, setCategory] = useState<Category | undefined>(undefined);
  // null: "now", following the clock until someone types a time.
  const [time, setTime] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [done, setDone] = useState<string | null>(null);
  useTickNow();
  const ids = { callsign: useId(), trust: useId(), time: useId(), category: useId(), timeHint: useId() };
  const errorIds = { callsign: useId(), trust: useId(), time: useId() };
  const summary = useRef<HTMLDivElement>(null);

  // After a failed submit, focus moves to the summary so screen readers read the problems out.
  useEffect(() => {
    if (Object.keys(problems).length > 0) summary.current?.focus();
  }, [problems]);

  const trusts = directory?.ambulanceTrusts ?? [];
  const siteRegion = directory?.site(siteCode)?.regionCode;
  const chosenTrust = trust ?? usualTrustCode ?? trusts.find((t) => t.regionCode === siteRegion)?.code ?? '';
  const now = serverNow();
  const shownTime = time ?? formatLondonTime(now);
  const typedAt = time === null ? null : instantOfTypedTime(time, now);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const now = serverNow();
    const cleanCallsign = callsign.trim().toUpperCase();
    const arrivedAt = time === null ? now : instantOfTypedTime(time, now);
    const found: Problems = {};
    if (!CALLSIGN.test(cleanCallsign)) {
      found.callsign = 'Enter the callsign: up to 16 letters or numbers (spaces, / and - allowed)';
    }
    if (chosenTrust === '') found.trust = 'Choose the ambulance service';
    if (arrivedAt === null) found.time = 'Enter the arrival time as hours and minutes, like 14:05';
    setProblems(found);
    if (Object.keys(found).length > 0 || arrivedAt === null) {
      setDone(null);
      return;
    }
    const details: ArrivalDetails = {
      siteCode,
      ambulanceTrustCode: chosenTrust,
      callsign: cleanCallsign,
      category,
      arrivedAt,
    };
    record(arrivalEvent(details));
    rememberTrust(chosenTrust);
    setTrust(chosenTrust);
    // The date shows when a typed time was read as yesterday's, so a slip is seen.
    setDone(`Arrival of ${cleanCallsign} at ${formatLondonTimeNear(arrivedAt, now)} recorded.`);
    setCallsign('');
    setCategory(undefined);
    setTime(null);
  };

  return (
    <form className="arrival-form" onSubmit={submit} noValidate aria-labelledby="arrival-title">
      <h2 id="arrival-title" className="entry-panel__title">
        Record an arrival
      </h2>
      <ErrorSummary
        ref={summary}
        problems={FIELDS.flatMap((name) => {
          const message = problems[name];
          return message === undefined ? [] : [{ fieldId: ids[name], message }];
        })}
      />
      <div className={field(problems.callsign)}>
        <label htmlFor={ids.callsign} className="entry-field__label">
          Callsign
        </label>
        <FieldError id={errorIds.callsign} message={problems.callsign} />
        <input
          id={ids.callsign}
          className="entry-input entry-input--callsign"
          value={callsign}
          onChange={(event) => setCallsign(event.target.value.toUpperCase())}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={16}
          aria-invalid={problems.callsign !== undefined}
          aria-describedby={describedBy(problems.callsign !== undefined && errorIds.callsign)}
        />
      </div>
      <div className={field(problems.trust)}>
        <label htmlFor={ids.trust} className="entry-field__label">
          Ambulance service
        </label>
        <FieldError id={errorIds.trust} message={problems.trust} />
        <select
          id={ids.trust}
          className="entry-input"
          value={chosenTrust}
          onChange={(event) => setTrust(event.target.value)}
          aria-invalid={problems.trust !== undefined}
          aria-describedby={describedBy(problems.trust !== undefined && errorIds.trust)}
        >
          {chosenTrust === '' && <option value="">Choose…</option>}
          {trusts.map((option) => (
            <option key={option.code} value={option.code}>
              {shortAmbulanceServiceName(option.name)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="entry-field entry-choice">
        <legend className="entry-field__label">Category</legend>
        <div className="entry-choice__options">
          {[...CATEGORIES, undefined].map((value) => (
            <label key={value ?? 'none'} className="entry-choice__option">
              <input
                type="radio"
                name={ids.category}
                checked={category === value}
                onChange={() => setCategory(value)}
              />
              <span>{value === undefined ? 'Not known' : value}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className={field(problems.time)}>
        <label htmlFor={ids.time} className="entry-field__label">
          Arrived at
        </label>
        <p id={ids.timeHint} className="entry-field__hint">
          {time === null ? 'Now, unless you change it' : timeHint(typedAt, now)}
        </p>
        <FieldError id={errorIds.time} message={problems.time} />
        <div className="entry-time">
          <input
            id={ids.time}
            className="entry-input entry-input--time"
            type="time"
            value={shownTime}
            onChange={(event) => setTime(event.target.value)}
            aria-invalid={problems.time !== undefined}
            aria-describedby={describedBy(ids.timeHint, problems.time !== undefined && errorIds.time)}
          />
          {time !== null && (
            <button type="button" className="button button--secondary" onClick={() => setTime(null)}>
              Use now
            </button>
          )}
        </div>
      </div>
      <button type="submit" className="button button--large arrival-form__submit">
        Record arrival
      </button>
      <p className="arrival-form__done" role="status">
        {done}
      </p>
    </form>
  );
}

/** Says when a typed time will be read as yesterday's (a time later than now), before it is recorded. */
function timeHint(typedAt: number | null, now: number): string {
  if (typedAt === null || localDateOf(typedAt) === localDateOf(now)) return 'UK time';
  return `UK time. Later than now, so read as yesterday, ${formatLondonShortDate(typedAt)}`;
}

function field(problem: string | undefined): string {
  return problem === undefined ? 'entry-field' : 'entry-field entry-field--error';
}

function readLastTrust(): string | undefined {
  try {
    return localStorage.getItem(TRUST_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function rememberTrust(code: string): void {
  try {
    localStorage.setItem(TRUST_KEY, code);
  } catch {
    // Only a convenience.
  }
}

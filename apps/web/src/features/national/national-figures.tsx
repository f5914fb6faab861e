import type { Thresholds } from '@handover/domain';
import type { AreaFigures } from '../../shared/lib/area-figures';
import { formatDurationWords, formatHoursMinutes, formatPercent } from '../../shared/lib/format-duration';

/** The headline for England, a region or a trust: the 15-minute standard first, then time lost. */
export function NationalFigures({ figures, thresholds }: { figures: AreaFigures; thresholds: Thresholds }) {
  const [b1, , b3, b4] = thresholds.bandMinutes;
  const basis = thresholds.hoursLostBasisMinutes;
  const { today } = figures;
  return (
    <dl className="national-figures">
      <Figure
        label={`Within ${b1} min today`}
        value={formatPercent(today.within15Share)}
        testId="figure-within-target"
      >
        {today.known === 0
          ? 'no handovers yet today'
          : `${(today.known - today.over15).toLocaleString('en-GB')} of ${today.known.toLocaleString('en-GB')} handovers`}
      </Figure>
      <Figure
        label="Handovers today"
        value={today.allHandovers.toLocaleString('en-GB')}
        testId="figure-handovers"
      >
        {`${today.stillOpen.toLocaleString('en-GB')} still open, ${today.over60.toLocaleString('en-GB')} took over ${b4} min`}
      </Figure>
      <Figure
        label="Crews waiting now"
        value={figures.heldNow.toLocaleString('en-GB')}
        testId="figure-waiting"
      >
        {figures.cohortedNow > 0
          ? `plus ${figures.cohortedNow.toLocaleString('en-GB')} patients cohorted`
          : 'waiting to hand over'}
      </Figure>
      <Figure
        label={`Past ${b3} min now`}
        value={figures.over45Now.toLocaleString('en-GB')}
        testId="figure-past-maximum"
        alert={figures.over45Now > 0}
      >
        {`${figures.over60Now.toLocaleString('en-GB')} past ${b4} min · longest ${
          figures.longestWaitMs === null ? '–' : formatDurationWords(figures.longestWaitMs)
        }`}
      </Figure>
      <Figure
        label="Hours lost now"
        value={formatHoursMinutes(figures.hoursLostNowMs)}
        testId="figure-lost-now"
      >
        {`crews held beyond ${basis} min`}
      </Figure>
      <Figure
        label="Hours lost today"
        value={formatHoursMinutes(figures.hoursLostTodayMs)}
        testId="figure-hours-lost"
      >
        {`beyond ${basis} min, incl. crews held now`}
      </Figure>
    </dl>
  );
}

function Figure({
  label,
  value,
  testId,
  alert = false,
  children,
}: {
  label: string;
  value: string;
  testId: string;
  alert?: boolean;
  children: string;
}) {
  return (
    <div className={`national-figure${alert ? ' national-figure--alert' : ''}`} data-testid={testId}>
      <dt className="national-figure__label">{label}</dt>
      <dd className="national-figure__value">{value}</dd>
      <dd className="national-figure__note">{children}</dd>
    </div>
  );
}

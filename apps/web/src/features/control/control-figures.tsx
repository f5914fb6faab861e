import type { Thresholds } from '@handover/domain';
import type { AreaFigures } from '../../shared/lib/area-figures';
import { formatDurationWords, formatHoursMinutes, formatPercent } from '../../shared/lib/format-duration';

/** The trust's headline: crews held and time lost lead; the 15-minute standard stays in view. */
export function ControlFigures({ figures, thresholds }: { figures: AreaFigures; thresholds: Thresholds }) {
  const [b1, , b3, b4] = thresholds.bandMinutes;
  const basis = thresholds.hoursLostBasisMinutes;
  const { today } = figures;
  return (
    <dl className="control-figures">
      <Figure label="Crews held now" value={String(figures.heldNow)} testId="figure-held">
        {figures.cohortedNow > 0
          ? `plus ${figures.cohortedNow} cohorted (crew released)`
          : 'waiting to hand over'}
      </Figure>
      <Figure
        label={`Past ${b3} min now`}
        value={String(figures.over45Now)}
        testId="figure-past-maximum"
        alert={figures.over45Now > 0}
      >
        {figures.over60Now > 0 ? `${figures.over60Now} past ${b4} min` : `none past ${b4} min`}
      </Figure>
      <Figure
        label="Longest wait"
        value={figures.longestWaitMs === null ? '–' : formatDurationWords(figures.longestWaitMs)}
        testId="figure-longest"
      >
        of crews held now
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
        testId="figure-lost-today"
      >
        {`beyond ${basis} min, incl. crews held now`}
      </Figure>
      <Figure
        label={`Within ${b1} min today`}
        value={formatPercent(today.within15Share)}
        testId="figure-within-target"
      >
        {today.known === 0
          ? 'no handovers yet today'
          : `${today.known - today.over15} of ${today.known} handovers`}
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
    <div className={`control-figure${alert ? ' control-figure--alert' : ''}`} data-testid={testId}>
      <dt className="control-figure__label">{label}</dt>
      <dd className="control-figure__value">{value}</dd>
      <dd className="control-figure__note">{children}</dd>
    </div>
  );
}

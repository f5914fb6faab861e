import {
  type Band,
  bandInfo,
  type Handover,
  handoverTime,
  isDisputed,
  type Thresholds,
} from '@handover/domain';
import { memo } from 'react';
import { formatLondonTimeNear } from '../../shared/lib/format-time';
import { releaseStatus } from '../../shared/lib/release-status';
import { Elapsed } from '../../shared/ui/elapsed';
import { BandIcon } from '../../shared/ui/icons/band-icon';
import { MarkIcon, type MarkIconName } from '../../shared/ui/icons/mark-icon';
import { serverNow } from '../../stores/live-store';
import { useBand } from './use-band';

interface HandoverRowProps {
  handover: Handover;
  thresholds: Thresholds;
  trustName: string;
  onBandChange?: (band: Band, handover: Handover) => void;
  /** Today's London date: the row renders again when it changes, to date its times from the day before. */
  today: string;
}

/**
 * One ambulance on the wall display. Re-renders only when its handover or its band changes; the
 * timer inside ticks on its own.
 */
export const HandoverRow = memo(function HandoverRow({
  handover,
  thresholds,
  trustName,
  onBandChange,
}: HandoverRowProps) {
  const band = useBand(handover, thresholds, onBandChange) ?? 'on_target';
  const info = bandInfo(band, thresholds);
  const { arrivedAt } = handover;
  const stoppedAt = handoverTime(handover);
  const release = releaseStatus(handover);
  if (arrivedAt === undefined) return null;
  // A patient may have waited since yesterday: times on another day carry their date.
  const now = serverNow();

  const marks: { icon: MarkIconName; text: string; tone: string }[] = [];
  // Control's request, then the ED's answer when it arrives live: released, or declined.
  if (release.kind === 'open') marks.push({ icon: 'release', text: 'Release requested', tone: 'urgent' });
  if (release.kind === 'released') {
    marks.push({
      icon: 'release',
      text: `Crew released ${formatLondonTimeNear(release.respondedAt, now)}`,
      tone: 'done',
    });
  }
  if (release.kind === 'declined') marks.push({ icon: 'release', text: 'Release declined', tone: 'warning' });
  if (isDisputed(handover, thresholds)) marks.push({ icon: 'disputed', text: 'Disputed', tone: 'warning' });
  if (stoppedAt !== undefined) {
    marks.push({
      icon: 'handed-over',
      text: `Handed over ${formatLondonTimeNear(stoppedAt, now)}`,
      tone: 'done',
    });
  }
  if (handover.state === 'cohorted') marks.push({ icon: 'cohorted', text: 'Cohorted', tone: 'info' });
  if (handover.preAlerted) marks.push({ icon: 'pre-alert', text: 'Pre-alert', tone: 'info' });

  return (
    <li
      className={`handover-row band--${band}${stoppedAt === undefined ? '' : ' handover-row--handed-over'}`}
      data-testid="handover-row"
      data-handover-id={handover.handoverId}
      data-band={band}
      data-state={handover.state}
    >
      <span className="handover-row__flag">
        <BandIcon icon={info.icon} className="handover-row__flag-icon" />
      </span>
      <span className="handover-row__callsign">{handover.callsign}</span>
      <span className="handover-row__clock">
        <span className="visually-hidden">{stoppedAt === undefined ? 'Waiting ' : 'Took '}</span>
        <Elapsed
          className="handover-row__timer"
          since={arrivedAt}
          {...(stoppedAt === undefined ? {} : { until: stoppedAt })}
        />
      </span>
      <span className="handover-row__marks">
        {marks.map((mark) => (
          <span key={mark.icon} className={`handover-mark handover-mark--${mark.tone}`}>
            <MarkIcon name={mark.icon} className="handover-mark__icon" />
            <span className="handover-mark__text">{mark.text}</span>
          </span>
        ))}
      </span>
      <span className="handover-row__line">
        <span className="handover-row__facts">
          <span className="handover-row__fact">
            {handover.category === undefined ? 'Cat –' : `Cat ${handover.category}`}
          </span>
          <span className="handover-row__fact">Arrived {formatLondonTimeNear(arrivedAt, now)}</span>
          <span className="handover-row__fact handover-row__trust">{trustName}</span>
        </span>
        <span className="handover-row__band">{info.label}</span>
      </span>
    </li>
  );
});

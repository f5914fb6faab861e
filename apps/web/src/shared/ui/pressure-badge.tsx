import { bandInfo, type Thresholds } from '@handover/domain';
import { type Pressure, pressureLabel } from '../lib/pressure';
import { BandIcon } from './icons/band-icon';
import './band-badge.css';

/** A site's pressure as colour, icon and words together, in the band palette (never colour alone). */
export function PressureBadge({ pressure, thresholds }: { pressure: Pressure; thresholds: Thresholds }) {
  const label = pressureLabel(pressure, thresholds);
  if (pressure === 'none') {
    return (
      <span className="band-badge band-badge--none" data-pressure={pressure}>
        <span className="band-badge__label">{label}</span>
      </span>
    );
  }
  return (
    <span className={`band-badge band--${pressure}`} data-pressure={pressure}>
      <BandIcon icon={bandInfo(pressure, thresholds).icon} className="band-badge__icon" />
      <span className="band-badge__label">{label}</span>
    </span>
  );
}

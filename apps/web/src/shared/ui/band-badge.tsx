import { type Band, bandInfo, type Thresholds } from '@handover/domain';
import { BandIcon } from './icons/band-icon';
import './band-badge.css';

/** A band as colour, icon and words together (never colour alone). */
export function BandBadge({
  band,
  thresholds,
  className,
}: {
  band: Band;
  thresholds: Thresholds;
  className?: string;
}) {
  const info = bandInfo(band, thresholds);
  return (
    <span className={`band-badge band--${band} ${className ?? ''}`} data-band={band}>
      <BandIcon icon={info.icon} className="band-badge__icon" />
      <span className="band-badge__label">{info.label}</span>
    </span>
  );
}

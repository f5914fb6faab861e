import { BANDS, type Thresholds } from '@handover/domain';
import { BandBadge } from '../../shared/ui/band-badge';

/** A key to the bands, and the one control on the kiosk: the optional chime. */
export function BoardFooter({
  thresholds,
  chimeOn,
  onChimeChange,
}: {
  thresholds: Thresholds;
  chimeOn: boolean;
  onChimeChange: (on: boolean) => void;
}) {
  return (
    <footer className="board-footer">
      <ul className="board-footer__legend" aria-label="Key to the bands">
        {BANDS.map((band) => (
          <li key={band}>
            <BandBadge band={band} thresholds={thresholds} />
          </li>
        ))}
      </ul>
      <p className="board-footer__note">
        Standard: handover within {thresholds.targetMinutes} minutes of arrival · UK time
      </p>
      <button
        type="button"
        className="board-footer__chime"
        aria-pressed={chimeOn}
        onClick={() => onChimeChange(!chimeOn)}
      >
        Chime: {chimeOn ? 'on' : 'off'}
      </button>
    </footer>
  );
}

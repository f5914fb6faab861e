import type { Band } from '@handover/domain';

/** Band colours of the NHS palette, as on the wall display (charts and the map draw in SVG). */
export const BAND_COLOURS: Record<Band, string> = {
  on_target: '#007f3b',
  over_15: '#ffb81c',
  over_30: '#d5281b',
  release_due: '#9e1c12',
  over_60: '#7c2855',
};

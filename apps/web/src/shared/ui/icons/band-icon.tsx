import type { BandInfo } from '@handover/domain';
import type { ReactNode } from 'react';

/**
 * One distinct shape per band, so a band reads without colour: a tick in a circle, a clock face,
 * a warning triangle, a raised hand (release due) and a siren (critical). Decorative: the label
 * beside it carries the meaning for assistive technology.
 */
export function BandIcon({ icon, className }: { icon: BandInfo['icon']; className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      data-icon={icon}
    >
      {SHAPES[icon]}
    </svg>
  );
}

const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2.6,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

const SHAPES: Record<BandInfo['icon'], ReactNode> = {
  check: (
    <>
      <circle cx="12" cy="12" r="10" {...stroke} />
      <path d="M7 12.5l3.3 3.3L17.2 8.8" {...stroke} />
    </>
  ),
  clock: (
    <>
      <circle cx="12" cy="12" r="10" {...stroke} />
      <path d="M12 6.5V12l3.8 2.6" {...stroke} />
    </>
  ),
  alert: (
    <>
      <path d="M12 2.6L22.4 20.8H1.6z" {...stroke} />
      <path d="M12 9.2v5.4" {...stroke} />
      <circle cx="12" cy="17.6" r="1.5" fill="currentColor" />
    </>
  ),
  hand: (
    <path
      fill="currentColor"
      d="M8.4 22.5h6.4a4.7 4.7 0 0 0 4.7-4.7V10a1.6 1.6 0 0 0-3.2 0v3.6h-.7V4.2a1.6 1.6 0 0 0-3.2 0v9.4h-.7V2.9a1.6 1.6 0 0 0-3.2 0v10.7h-.7V5.3a1.6 1.6 0 0 0-3.2 0v11.3a5.9 5.9 0 0 0 3.8 5.9z"
    />
  ),
  siren: (
    <>
      <path fill="currentColor" d="M5.5 18.2v-5.1a6.5 6.5 0 0 1 13 0v5.1z" />
      <rect fill="currentColor" x="3.2" y="19.4" width="17.6" height="3.2" rx="0.8" />
      <path
        d="M12 1.4v2.4M3.3 5.1l1.7 1.7M20.7 5.1L19 6.8M1 12h2.2M20.8 12H23"
        {...stroke}
        strokeWidth={2.2}
      />
    </>
  ),
};

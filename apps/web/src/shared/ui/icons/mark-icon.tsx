import type { ReactNode } from 'react';
/** Small glyphs for the marks on a handover (pre-alert, cohorted, disputed, release requested). */
export type MarkIconName = 'pre-alert' | 'cohorted' | 'disputed' | 'release' | 'handed-over';

export function MarkIcon({ name, className }: { name: MarkIconName; className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
      {SHAPES[name]}
    </svg>
  );
}

const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2.4,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

const SHAPES: Record<MarkIconName, ReactNode> = {
  // A bell: the crew rang ahead.
  'pre-alert': (
    <>
      <path d="M6 17V11a6 6 0 0 1 12 0v6l1.8 2H4.2z" {...stroke} />
      <path d="M10 21.5h4" {...stroke} />
    </>
  ),
  // Two people: a cohort nurse holds the patient so the crew could leave.
  cohorted: (
    <>
      <circle cx="8.5" cy="7.5" r="3.2" {...stroke} />
      <circle cx="16.8" cy="8.6" r="2.6" {...stroke} />
      <path d="M2.5 20.5a6 6 0 0 1 12 0M14.2 14.6a5 5 0 0 1 7.3 4.9" {...stroke} />
    </>
  ),
  // Not equal: crew and ED stamps disagree.
  disputed: <path d="M4 9h16M4 15h16M16.5 4.5l-9 15" {...stroke} />,
  release: (
    <path
      fill="currentColor"
      d="M8.4 22.5h6.4a4.7 4.7 0 0 0 4.7-4.7V10a1.6 1.6 0 0 0-3.2 0v3.6h-.7V4.2a1.6 1.6 0 0 0-3.2 0v9.4h-.7V2.9a1.6 1.6 0 0 0-3.2 0v10.7h-.7V5.3a1.6 1.6 0 0 0-3.2 0v11.3a5.9 5.9 0 0 0 3.8 5.9z"
    />
  ),
  'handed-over': <path d="M4 12.5l5 5L20 6.5" {...stroke} strokeWidth={3} />,
};

import type { DemoTokens } from './server';

/** Every screen of the product, as the screenshot and accessibility specs visit it. */
export interface View {
  name: string;
  path: string;
  token: (tokens: DemoTokens) => string;
  /** Shown once the view has rendered its data. */
  ready: string;
  /** Wall displays must fit the screen. */
  noScroll?: boolean;
}

export const VIEWS: View[] = [
  {
    name: 'board',
    path: '/board/RRK15',
    token: (t) => t.busySiteEd,
    ready: '[data-testid="handover-row"]',
    noScroll: true,
  },
  { name: 'entry', path: '/entry/RRK15', token: (t) => t.busySiteEd, ready: '[data-testid="entry-row"]' },
  { name: 'sign-in', path: '/sign-in', token: (t) => t.busySiteEd, ready: 'form.sign-in__form' },
  {
    name: 'control',
    path: '/control/RYA',
    token: (t) => t.ambulanceControl,
    ready: '[data-testid="held-crew"]',
  },
  {
    name: 'national',
    path: '/national',
    token: (t) => t.englandViewer,
    ready: '[data-testid="region-table"] [data-testid="area-row"]',
  },
  {
    name: 'region',
    path: '/region/Y60',
    token: (t) => t.englandViewer,
    ready: '[data-testid="trust-table"] [data-testid="area-row"]',
  },
  {
    name: 'trust',
    path: '/trust/RRK?site=RRK15',
    token: (t) => t.englandViewer,
    ready: '[data-testid="site-handover-row"]',
  },
  {
    name: 'reports',
    path: '/reports',
    token: (t) => t.englandViewer,
    ready: '[data-testid="report-provisional"]',
  },
  {
    name: 'report-1600-provisional',
    path: '/reports/1600/provisional',
    token: (t) => t.englandViewer,
    ready: '[data-testid="report-headline"]',
  },
];

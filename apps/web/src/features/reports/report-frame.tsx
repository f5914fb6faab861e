import { type ReactNode, useEffect } from 'react';
import { Link } from '../../shared/router/link';
import { AccessProblem } from '../../shared/ui/access-problem';
import { NhsHeader } from '../../shared/ui/nhs-header';
import type { ReportBody } from './report-api';
import { formatInstant, formatPeriod } from './report-dates';
import { footerLines, pageFooterCss, reportTitle, versionLabel } from './report-meta';
import type { ResourceLoad } from './use-api-resource';
import '../../shared/ui/button.css';
import './reports.css';

/** The screen around every report page: the NHS header (not printed) and the page's main area. */
export function ReportScreen({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="reports">
      <NhsHeader title="Handover reports" subtitle="16:00 reports and daily returns" />
      <main className={`reports__main${wide ? ' reports__main--wide' : ''}`}>{children}</main>
    </div>
  );
}

/** Back to the list of reports (not printed). */
export function BackToReports() {
  return (
    <p className="reports__back no-print">
      <Link to="/reports">All reports</Link>
    </p>
  );
}

/**
 * What to show instead of a report when there is none to show: not signed in, a credential refused or
 * without the role, no such report, still loading, or a failure with nothing loaded before. Null when
 * the report can be shown.
 */
export function reportProblem<T>({
  token,
  load,
  what,
  onRetry,
  notFoundAction,
}: {
  token: string | null;
  load: ResourceLoad<T>;
  what: string;
  onRetry: () => void;
  /** Another way on from a report that does not exist (the provisional report, say). */
  notFoundAction?: ReactNode;
}): ReactNode {
  if (token === null || load.status === 'unauthorised') {
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    return (
      <AccessProblem
        title={token === null ? `Sign in to see ${what}` : 'This credential was not accepted'}
        actions={
          <Link to={`/sign-in?next=${next}`} className="button button--blue">
            Sign in
          </Link>
        }
      >
        <p>Reports are shown to viewer, control room, ED and administrator credentials.</p>
      </AccessProblem>
    );
  }
  if (load.status === 'forbidden') {
    return (
      <AccessProblem
        title="This credential cannot read reports"
        actions={
          <Link to="/" className="button button--blue">
            Go to the start page
          </Link>
        }
      >
        <p>{load.message}</p>
        <p>Reports are shown to viewer, control room, ED and administrator credentials.</p>
      </AccessProblem>
    );
  }
  if (load.status === 'not-found') {
    return (
      <AccessProblem
        title="Report not found"
        actions={
          <>
            <Link to="/reports" className="button button--blue">
              See all reports
            </Link>
            {notFoundAction}
          </>
        }
      >
        <p>{load.message}</p>
      </AccessProblem>
    );
  }
  if (load.status === 'loading') {
    return (
      <ReportScreen>
        <p className="reports__loading">Getting {what}…</p>
      </ReportScreen>
    );
  }
  if (load.status === 'failed' && load.last === null) {
    return (
      <ReportScreen>
        <p className="reports__problem" role="alert">
          Could not get {what}: {load.message}
        </p>
        <button type="button" className="button button--blue" onClick={onRetry}>
          Try again
        </button>
      </ReportScreen>
    );
  }
  return null;
}

/** The last answer, kept while a refresh fails. */
export function shownBody<T>(load: ResourceLoad<T>): T | null {
  if (load.status === 'ready') return load.body;
  if (load.status === 'failed') return load.last;
  return null;
}

/** The report's title and what it covers: scope, period, version, as-at time and its status. */
export function ReportHeading({
  body,
  scopeText,
  badge,
  actions,
}: {
  body: ReportBody;
  scopeText: string;
  badge?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="report-heading">
      <div className="report-heading__text">
        <h2 className="report-heading__title" data-testid="report-title">
          {reportTitle(body)} {badge}
        </h2>
        <dl className="report-heading__meta">
          <div>
            <dt>For</dt>
            <dd>{scopeText}</dd>
          </div>
          <div>
            <dt>Period</dt>
            <dd>{formatPeriod(body.period)} (UK time)</dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd data-testid="report-version">{versionLabel(body).replace(/^Version /, '')}</dd>
          </div>
          <div>
            <dt>As at</dt>
            <dd>{formatInstant(body.asAt)}</dd>
          </div>
        </dl>
      </div>
      {actions !== undefined && <div className="report-heading__actions no-print">{actions}</div>}
    </div>
  );
}

/** "Print": the browser's own dialog, with the print stylesheet (A4 portrait). */
export function PrintButton() {
  return (
    <button type="button" className="button button--secondary report-button" onClick={() => window.print()}>
      Print
    </button>
  );
}

/** The footer line at the end of the report, and the same in the margin of every printed page. */
export function ReportFooter({ body }: { body: ReportBody }) {
  const lines = footerLines(body);
  usePageMarginFooter(lines[0], lines[1]);
  return (
    <footer className="report-footer" data-testid="report-footer">
      <p>{lines[0]}</p>
      <p>{lines[1]}</p>
    </footer>
  );
}

/**
 * Puts the footer in the margin of every printed page while the report is open: a constructed style
 * sheet, removed when the page goes. Where a browser cannot construct one or has no page margin boxes
 * (no CSSMarginRule), the footer prints once, at the end of the report.
 */
function usePageMarginFooter(first: string, second: string) {
  useEffect(() => {
    if (typeof CSSStyleSheet === 'undefined' || typeof CSSStyleSheet.prototype.replaceSync !== 'function') {
      return;
    }
    const sheet = new CSSStyleSheet();
    // With page margin boxes the footer is on every page, so the one at the end would repeat it.
    const marginBoxes = 'CSSMarginRule' in globalThis;
    sheet.replaceSync(
      `${pageFooterCss([first, second])}${marginBoxes ? '\n@media print { .report-footer { display: none; } }' : ''}`,
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
    };
  }, [first, second]);
}

import type { Scope } from '@handover/protocol';
import type { ReportBody } from './report-api';
import { formatCompactPeriod, formatInstant, formatReportDate, formatShortDate } from './report-dates';

/** The words that say which report, which version and as at when: on the page, and on every printed page. */

export const OGL_ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0.';

type Meta = Pick<ReportBody, 'report' | 'date' | 'version' | 'status' | 'period' | 'asAt'>;

export function isProvisional1600(body: Pick<ReportBody, 'report' | 'version'>): boolean {
  return body.report === '1600' && body.version === null;
}

/** "16:00 report, Friday 20 November 2026"; "Daily return, Friday 20 November 2026". */
export function reportTitle(body: Pick<ReportBody, 'report' | 'date' | 'version'>): string {
  if (body.report === 'daily-return') return `Daily return, ${formatReportDate(body.date)}`;
  if (body.version === null) return `16:00 report due ${formatReportDate(body.date)}`;
  return `16:00 report, ${formatReportDate(body.date)}`;
}

/** "Version 2 (revised)", "Version 1 (frozen at the cut-off)", "Provisional, not yet frozen". */
export function versionLabel(body: Pick<ReportBody, 'report' | 'version' | 'status'>): string {
  if (body.version === null) {
    return body.report === '1600' ? 'Provisional, not yet frozen' : `Live, not yet stored (${body.status})`;
  }
  if (body.report === '1600') {
    return body.status === 'frozen'
      ? `Version ${body.version} (frozen at the cut-off)`
      : `Version ${body.version} (${body.status})`;
  }
  return `Version ${body.version} (${body.status})`;
}

/** "16:00 report, 20 Nov 2026" / "Daily return, 20 Nov 2026": short enough for a page margin. */
export function shortReportTitle(body: Pick<ReportBody, 'report' | 'date'>): string {
  const what = body.report === '1600' ? '16:00 report' : 'Daily return';
  return `${what}, ${formatShortDate(body.date)}`;
}

/** The footer line: report, period, version and as-at time; then the attribution. */
export function footerLines(body: Meta): [string, string] {
  return [
    `${shortReportTitle(body)} · Period ${formatCompactPeriod(body.period)} (UK time) · ${versionLabel(body)} · As at ${formatInstant(body.asAt)}`,
    OGL_ATTRIBUTION,
  ];
}

function cssString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', ' ')}"`;
}

/**
 * The printed page's footer, in the page margin so it repeats on every page: the report line and the
 * attribution on the left, "Page n of m" on the right (CSS page margin boxes; browsers without them
 * still print the footer at the end of the report).
 */
export function pageFooterCss(lines: readonly string[]): string {
  const content = lines.map(cssString).join(' "\\A" ');
  return `@page {
  @bottom-left {
    content: ${content};
    white-space: pre-wrap;
    vertical-align: top;
    padding-top: 2mm;
    font-family: Arial, sans-serif;
    font-size: 6.5pt;
    line-height: 1.3;
    color: #000;
  }
  @bottom-right {
    content: "Page " counter(page) " of " counter(pages);
    white-space: nowrap;
    vertical-align: top;
    padding-top: 2mm;
    font-family: Arial, sans-serif;
    font-size: 7pt;
    color: #000;
  }
}`;
}

/** The API's one-word scope ('england', 'region:Y60', 'sites:RRK15,RRK97') as a Scope; null if unreadable. */
export function parseScopeText(text: string): Scope | null {
  const [kind = '', codes = ''] = text.split(':');
  switch (kind) {
    case 'england':
      return { kind: 'england' };
    case 'region':
    case 'acute_trust':
    case 'ambulance_trust':
      return codes === '' ? null : { kind, code: codes };
    case 'sites': {
      const list = codes.split(',').filter((code) => code !== '');
      return list.length === 0 ? null : { kind: 'sites', codes: list };
    }
    default:
      return null;
  }
}

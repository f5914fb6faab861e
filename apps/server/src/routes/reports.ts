import {
  addDays,
  calendarDay,
  REPORT_LEVELS,
  type ReportLevel,
  type TableRevision,
  tableRecords,
} from '@handover/domain';
import { ApiErrorSchema, type Scope, TIMESTAMP_PATTERN, unknownScopeCodes } from '@handover/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { scopeWithin } from '../access/access-rules';
import { formatScope, parseScopeArgument } from '../access/scope-text';
import { ApiRequestError, queryTimestamp } from '../api-error';
import { principalOf } from '../plugins/auth';
import type { ReportArchive, VersionSummary } from '../reports/report-archive';
import type { BuiltVersion, CsvMeta, ReportKind } from '../reports/report-kinds';
import { visibleChanges, visibleTable } from '../reports/report-scope';

/** A compliance query may span at most this many days (a year and a bit: trends, not archaeology). */
const MAX_QUERY_DAYS = 400;
const DAY_MS = 86_400_000;

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const DateParams = Type.Object({
  date: Type.String({ pattern: DATE, description: 'Report date, YYYY-MM-DD' }),
});
const CsvParams = Type.Object({
  date: Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2}|provisional)$', description: 'YYYY-MM-DD' }),
});
const VersionQuery = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'A stored version; default the latest' })),
  },
  { additionalProperties: false },
);
const ComplianceQuery = Type.Object(
  {
    from: Type.String({
      pattern: TIMESTAMP_PATTERN,
      description: 'Arrivals at or after (ISO 8601 with offset)',
    }),
    to: Type.String({ pattern: TIMESTAMP_PATTERN, description: 'Arrivals before' }),
    groupBy: Type.Optional(Type.Enum([...REPORT_LEVELS], { default: 'site' })),
    scope: Type.Optional(
      Type.String({
        description: "Narrower than the credential's: region:Y56, acute_trust:RRK, sites:RRK15,...",
      }),
    ),
  },
  { additionalProperties: false },
);
const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

interface ComplianceQueryValue {
  from: string;
  to: string;
  groupBy?: ReportLevel;
  scope?: string;
}

const iso = (instant: number) => new Date(instant).toISOString();

/**
 * Reports: the any-period compliance query, the 16:00 report (frozen snapshots, revisions, provisional)
 * and the daily return, as JSON and CSV, each limited to the credential's scope. See docs/reports.md.
 */
export default async function reportRoutes(app: FastifyInstance) {
  const schema = (summary: string, extra: object = {}) => ({
    summary,
    tags: ['reports'],
    security: [{ bearer: [] }],
    response: errors,
    ...extra,
  });
  const scopeOf = (request: FastifyRequest) => principalOf(request).scope;

  app.get(
    '/api/v1/reports/compliance',
    {
      schema: schema('Every compliance metric for any period, grouped by one level', {
        querystring: ComplianceQuery,
      }),
    },
    async (request) => {
      const query = request.query as ComplianceQueryValue;
      const from = queryTimestamp(query.from, 'from');
      const to = queryTimestamp(query.to, 'to');
      if (!(from < to)) throw badRequest("'from' must be before 'to'.", 'to');
      if (to - from > MAX_QUERY_DAYS * DAY_MS) {
        throw badRequest(`A query may span at most ${MAX_QUERY_DAYS} days.`, 'to');
      }
      const scope = requestedScope(app, request, query.scope);
      const groupBy = query.groupBy ?? 'site';
      const answer = app.reports.compliance({ start: from, end: to }, app.now(), groupBy, scope);
      return {
        from: iso(from),
        to: iso(to),
        asAt: iso(answer.asAt),
        groupBy,
        scope: formatScope(scope),
        thresholdsVersion: answer.thresholdsVersion,
        total: answer.total,
        rows: answer.rows,
      };
    },
  );

  const routesFor = (path: string, archive: ReportArchive, what: string) => {
    const { kind } = archive;

    app.get(`/api/v1/reports/${path}`, { schema: schema(`Stored ${what}s, by date`) }, async () => ({
      reports: (await archive.list()).sort((a, b) => (a.date < b.date ? 1 : -1)),
    }));

    app.get(
      `/api/v1/reports/${path}/:date`,
      {
        schema: schema(`A ${what}: the latest version, or ?version=n`, {
          params: DateParams,
          querystring: VersionQuery,
        }),
      },
      async (request) => {
        const { date } = request.params as { date: string };
        const { version } = request.query as { version?: number };
        return present(await answerFor(app, kind, archive, date, version), kind, scopeOf(request));
      },
    );

    app.get(
      `/api/v1/reports/${path}/:date.csv`,
      { schema: schema(`A ${what} as CSV`, { params: CsvParams, querystring: VersionQuery }) },
      async (request, reply) => {
        const { date } = request.params as { date: string };
        const { version } = request.query as { version?: number };
        const answer =
          date === 'provisional' && kind.name === '1600'
            ? provisional1600(app, kind)
            : await answerFor(app, kind, archive, date, version);
        const table = visibleTable(answer.table, scopeOf(request), kind.placeOfKey);
        return sendCsv(reply, kind.fileName(answer.meta), kind.csv(table, answer.meta));
      },
    );
  };

  app.get(
    '/api/v1/reports/1600/provisional',
    { schema: schema('The 16:00 report now due, as at now (never stored)') },
    async (request) => {
      const kind = app.reportArchives.report1600.kind;
      return present(provisional1600(app, kind), kind, scopeOf(request));
    },
  );
  routesFor('1600', app.reportArchives.report1600, '16:00 report');
  routesFor('daily-return', app.reportArchives.dailyReturn, 'daily return');
}

/** A report version ready to answer: its table (before scoping), CSV facts and version history. */
interface Answer {
  table: BuiltVersion['table'];
  meta: CsvMeta;
  document?: { createdAt: string };
  revision?: TableRevision;
  latestVersion: number | null;
  versions: VersionSummary[];
  thresholdsVersion: string;
}

async function answerFor(
  app: FastifyInstance,
  kind: ReportKind,
  archive: ReportArchive,
  date: string,
  version: number | undefined,
): Promise<Answer> {
  const due = dueOrBadRequest(kind, date);
  const stored = await archive.materialise(date, version);
  if (stored === undefined) {
    const latest = version === undefined ? undefined : await archive.materialise(date);
    if (latest !== undefined)
      throw notFound(`The ${date} report has versions 1 to ${latest.versions.length}.`);
    return unstored(app, kind, date, due.at);
  }
  const { document, table, versions } = stored;
  return {
    table,
    meta: {
      date,
      period: { start: Date.parse(document.period.start), end: Date.parse(document.period.end) },
      asAt: Date.parse(document.asAt),
      version: document.version,
      status: document.status,
    },
    document,
    revision: document.revision,
    latestVersion: versions.length,
    versions,
    thresholdsVersion: document.thresholdsVersion,
  };
}

/**
 * A date with no stored version: the daily return of a day that has begun is computed live (provisional
 * or final as its figures say); a 16:00 report is only ever frozen, so it is not found.
 */
function unstored(app: FastifyInstance, kind: ReportKind, date: string, dueAt: number): Answer {
  const now = app.now();
  if (kind.name === '1600') {
    throw notFound(
      dueAt > now
        ? `The 16:00 report for ${date} is frozen at ${iso(dueAt)}; until then see /api/v1/reports/1600/provisional.`
        : `No 16:00 report was frozen for ${date} (no server ran at its cut-off); /api/v1/reports/compliance gives any period's figures.`,
    );
  }
  if (calendarDay(date).start > now) throw notFound(`The day ${date} has not begun.`);
  return live(kind, date, now);
}

function provisional1600(app: FastifyInstance, kind: ReportKind): Answer {
  const now = app.now();
  // The report that falls due next: its period contains now.
  return live(kind, addDays(kind.latestDue(now).date, 1), now);
}

function live(kind: ReportKind, date: string, now: number): Answer {
  const built = kind.build(date, now);
  return {
    table: built.table,
    meta: { date, period: built.period, asAt: now, version: null, status: built.status ?? 'provisional' },
    latestVersion: null,
    versions: [],
    thresholdsVersion: built.thresholdsVersion,
  };
}

/** The JSON answer: the table's rows the scope sees, and what changed in this version. */
function present(answer: Answer, kind: ReportKind, scope: Scope) {
  const { meta } = answer;
  const table = visibleTable(answer.table, scope, kind.placeOfKey);
  return {
    report: kind.name,
    date: meta.date,
    version: meta.version,
    latestVersion: answer.latestVersion,
    status: meta.status,
    period: { start: iso(meta.period.start), end: iso(meta.period.end) },
    asAt: iso(meta.asAt),
    createdAt: answer.document?.createdAt ?? null,
    thresholdsVersion: answer.thresholdsVersion,
    scope: formatScope(scope),
    columns: table.columns,
    rows: tableRecords(table),
    ...visibleChanges(answer.revision, scope, kind.placeOfKey),
    versions: answer.versions,
  };
}

function dueOrBadRequest(kind: ReportKind, date: string) {
  try {
    return kind.dueOf(date);
  } catch (error) {
    throw badRequest(error instanceof Error ? error.message : String(error), 'date');
  }
}

function requestedScope(app: FastifyInstance, request: FastifyRequest, text: string | undefined): Scope {
  const granted = principalOf(request).scope;
  if (text === undefined) return granted;
  let scope: Scope;
  try {
    scope = parseScopeArgument(text);
  } catch (error) {
    throw badRequest(error instanceof Error ? error.message : String(error), 'scope');
  }
  const unknown = unknownScopeCodes(scope, app.organisations);
  if (unknown.length > 0) throw badRequest(`Unknown code(s) in scope: ${unknown.join(', ')}.`, 'scope');
  if (!scopeWithin(scope, granted, app.organisations)) {
    throw new ApiRequestError({
      code: 'FORBIDDEN',
      message: `The scope ${formatScope(scope)} is outside your credential's (${formatScope(granted)}).`,
    });
  }
  return scope;
}

function sendCsv(reply: FastifyReply, fileName: string, text: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}.csv"`)
    .send(text);
}

function badRequest(message: string, field: string) {
  return new ApiRequestError({ code: 'INVALID_FIELD', message, field });
}

function notFound(message: string) {
  return new ApiRequestError({ code: 'NOT_FOUND', message });
}

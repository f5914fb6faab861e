import { calendarDay, HOUR_MS, localDateOf, type Thresholds } from '@handover/domain';
import { type ReactNode, useMemo } from 'react';
import { useCredential } from '../../shared/credentials/credential-store';
import {
  aggregateBySite,
  areaFigures,
  mergeSiteAggregates,
  type SiteAggregate,
} from '../../shared/lib/area-figures';
import { byPressure } from '../../shared/lib/pressure';
import { thresholdsFor } from '../../shared/lib/thresholds';
import { type LiveFrame, useLiveFrame } from '../../shared/live-client/use-live-frame';
import { Link } from '../../shared/router/link';
import { useQueryParam } from '../../shared/router/router';
import { Breadcrumbs } from '../../shared/ui/breadcrumbs';
import { ConnectionBanner } from '../../shared/ui/connection-banner';
import { LiveClock } from '../../shared/ui/live-clock';
import { NhsHeader } from '../../shared/ui/nhs-header';
import { serverNow } from '../../stores/live-store';
import { type OrganisationDirectory, useOrganisations } from '../../stores/organisations-store';
import { AreaTable } from './area-table';
import { handoverTimeBins, hourlyCompliance } from './chart-data';
import {
  type AreaRow,
  crumbsFor,
  type Level,
  mapSitesOf,
  regionRows,
  scopeOf,
  siteHandoverRows,
  siteRows,
  titleOf,
  trustRows,
} from './drill-down';
import { HandoverTimeChart } from './handover-time-chart';
import { HourlyComplianceChart } from './hourly-compliance-chart';
import { HoursLostChart } from './hours-lost-chart';
import { useLaterTick } from './later-tick';
import { NationalFigures } from './national-figures';
import { SiteHandovers } from './site-handovers';
import { SiteMap } from './site-map';
import { useStableValue } from './stable-value';
import { useYesterdayHourly } from './yesterday-hourly';
import '../../shared/ui/button.css';
import '../../shared/ui/panel.css';
import './national.css';

/** England refreshes its figures every 3 seconds (2,000 open handovers), smaller areas every 2. */
const FRAME_MS: Record<Level, number> = { england: 3_000, region: 2_000, trust: 2_000 };

/**
 * England, a region or an acute trust: headline figures, charts, a map of sites by pressure and the
 * table one level down. Every figure comes from one aggregation per site per refresh.
 */
export function NationalScreen({ level, code }: { level: Level; code: string }) {
  const frame = useLiveFrame(FRAME_MS[level]);
  const directory = useOrganisations();
  const token = useCredential();
  const thresholds = useMemo(() => thresholdsFor(serverNow()), []);
  // London's days start on the hour (UTC offsets are whole hours): the date changes with the hour.
  const hourStart = Math.floor(frame.now / HOUR_MS) * HOUR_MS;
  const date = useMemo(() => localDateOf(hourStart), [hourStart]);
  const today = useMemo(() => calendarDay(date), [date]);
  const scope = useMemo(() => scopeOf(level, code), [level, code]);
  const yesterday = useYesterdayHourly(token, scope, date);

  const sites = useMemo(
    () => aggregateBySite(frame.handovers.values(), { now: frame.now, thresholds, today }),
    [frame, thresholds, today],
  );
  const total = useMemo(() => mergeSiteAggregates('total', sites.values()), [sites]);
  const totals = useMemo(() => areaFigures(total, thresholds), [total, thresholds]);
  const bins = useMemo(() => handoverTimeBins(total.today.knownDurationsMs, thresholds), [total, thresholds]);
  // The hourly chart draws the same frame a tick after the headline (see Drill).
  const laterFrame = useLaterTick(frame, `${level}:${code}`, 1);
  const hourly = useMemo(
    () => hourlyCompliance(laterFrame.handovers.values(), today, laterFrame.now, thresholds),
    [laterFrame, today, thresholds],
  );
  const nowHour = Math.floor((laterFrame.now - today.start) / HOUR_MS);

  const title = titleOf(level, code, directory);
  return (
    <div className="national">
      <NhsHeader title={`${title}: ambulance handovers now`} subtitle={subtitleOf(level)}>
        <LiveClock />
      </NhsHeader>
      <ConnectionBanner />
      <main className="national__main">
        {level !== 'england' && <Breadcrumbs crumbs={crumbsFor(level, code, directory)} current={title} />}
        <NationalFigures figures={totals} thresholds={thresholds} />
        {directory === null ? (
          <p className="panel__empty">Getting the names of trusts and sites…</p>
        ) : (
          <Drill
            level={level}
            code={code}
            directory={directory}
            sites={sites}
            frame={frame}
            thresholds={thresholds}
            charts={
              <>
                <div className="panel panel--chart panel--hourly">
                  <HourlyComplianceChart
                    today={hourly}
                    yesterday={yesterday}
                    nowHour={nowHour}
                    thresholds={thresholds}
                  />
                </div>
                <div className="panel panel--chart panel--distribution">
                  <HandoverTimeChart bins={bins} thresholds={thresholds} />
                </div>
              </>
            }
          />
        )}
      </main>
    </div>
  );
}

function subtitleOf(level: Level): string {
  switch (level) {
    case 'england':
      return 'NHS England · live from every ED · today is since midnight, UK time';
    case 'region':
      return 'NHS England region · live · today is since midnight, UK time';
    case 'trust':
      return 'Acute trust · live · today is since midnight, UK time';
  }
}

interface DrillProps {
  level: Level;
  code: string;
  directory: OrganisationDirectory;
  sites: ReadonlyMap<string, SiteAggregate>;
  frame: LiveFrame;
  thresholds: Thresholds;
  charts: ReactNode;
}

/**
 * The level-specific half of the page: map, hours lost and the table one level down. A refresh's
 * figures appear in three steps, one tick of the clock apart, so no single update lays out and paints
 * the whole page: the headline and the distribution first, then the hourly chart, the map and hours
 * lost, then the tables. Every part shows the same frame.
 */
function Drill({ level, code, directory, sites, frame, thresholds, charts }: DrillProps) {
  const area = `${level}:${code}`;
  const laterSites = useLaterTick(sites, area, 1);
  const lastSites = useLaterTick(sites, area, 2);
  const regionCode = level === 'region' ? code : undefined;
  const regions = useMemo(
    () => (level === 'england' ? regionRows(laterSites, directory, thresholds) : []),
    [level, laterSites, directory, thresholds],
  );
  const tableRegions = useMemo(
    () => (level === 'england' ? regionRows(lastSites, directory, thresholds) : []),
    [level, lastSites, directory, thresholds],
  );
  // A region's trusts (a 2-second frame): chart and table together, a tick after the headline.
  const trusts = useMemo(
    () =>
      level === 'trust'
        ? []
        : trustRows(level === 'england' ? lastSites : laterSites, directory, thresholds, regionCode),
    [level, regionCode, laterSites, lastSites, directory, thresholds],
  );
  const trustSites = useMemo(
    () => (level === 'trust' ? siteRows(sites, directory, thresholds, code) : []),
    [level, code, sites, directory, thresholds],
  );
  // Only a site's pressure or crews held move a dot: the map renders again when one does.
  const mapSites = useStableValue(
    useMemo(
      () => mapSitesOf(laterSites, directory, thresholds, regionCode),
      [regionCode, laterSites, directory, thresholds],
    ),
  );
  const regionNames = useMemo(
    () =>
      level === 'england'
        ? new Map(directory.regions.map((region) => [region.code, region.name]))
        : undefined,
    [level, directory],
  );

  if (level === 'trust') {
    return (
      <TrustDrill
        code={code}
        directory={directory}
        rows={trustSites}
        frame={frame}
        thresholds={thresholds}
        charts={charts}
      />
    );
  }
  return (
    <>
      <div className={`national__dash national__dash--${level}`}>
        <div className="panel panel--map">
          <SiteMap
            sites={mapSites}
            {...(regionNames === undefined ? {} : { regionNames })}
            thresholds={thresholds}
            title={
              level === 'england' ? 'EDs in England by pressure now' : 'EDs in the region by pressure now'
            }
          />
        </div>
        {charts}
        <div className="panel panel--chart panel--lost">
          <HoursLostChart
            rows={level === 'england' ? regions : trusts}
            areaName={level === 'england' ? 'region' : 'trust'}
            limit={level === 'england' ? 7 : 10}
            thresholds={thresholds}
          />
        </div>
        {level === 'england' && (
          <div className="panel panel--regions">
            <AreaTable
              title="Regions"
              nameHeader="Region"
              rows={tableRegions}
              thresholds={thresholds}
              compact
              testId="region-table"
            />
          </div>
        )}
      </div>
      <div className="panel">
        <AreaTable
          title={level === 'england' ? 'Acute trusts in England' : 'Acute trusts in the region'}
          nameHeader="Acute trust"
          rows={trusts}
          thresholds={thresholds}
          showParent={level === 'england'}
          pageSize={level === 'england' ? 25 : 40}
          testId="trust-table"
        />
      </div>
    </>
  );
}

function TrustDrill({
  code,
  directory,
  rows,
  frame,
  thresholds,
  charts,
}: {
  code: string;
  directory: OrganisationDirectory;
  rows: readonly AreaRow[];
  frame: LiveFrame;
  thresholds: Thresholds;
  charts: ReactNode;
}) {
  const asked = useQueryParam('site');
  // The site chosen in the address, else the most pressed one.
  const selected =
    rows.find((row) => row.code === asked?.toUpperCase())?.code ?? [...rows].sort(byPressure)[0]?.code;
  const handovers = useMemo(
    () =>
      selected === undefined
        ? []
        : siteHandoverRows(frame.handovers.values(), selected, frame.now, thresholds),
    [frame, selected, thresholds],
  );
  if (rows.length === 0) {
    return <p className="panel__empty">The reference data lists no EDs for trust {code}.</p>;
  }
  return (
    <>
      <div className="national__dash national__dash--trust">
        {charts}
        <div className="panel panel--chart panel--lost">
          <HoursLostChart rows={rows} areaName="site" limit={8} thresholds={thresholds} />
        </div>
      </div>
      <div className="panel">
        <AreaTable
          title="Sites"
          nameHeader="Site"
          rows={rows}
          thresholds={thresholds}
          testId="site-table"
          initialOrder={{ key: 'pressure', direction: 'descending' }}
          {...(selected === undefined ? {} : { selectedCode: selected })}
          actions={(row) => (
            <span className="area-table__links">
              <Link to={row.href} aria-label={`Handovers at ${row.name}`}>
                Handovers
              </Link>
              <Link to={`/board/${row.code}`} aria-label={`Wall display of ${row.name}`}>
                Wall display
              </Link>
            </span>
          )}
        />
      </div>
      {selected !== undefined && (
        <div className="panel" id="site-handovers">
          <SiteHandovers
            key={selected}
            siteName={directory.site(selected)?.name ?? selected}
            rows={handovers}
            now={frame.now}
            thresholds={thresholds}
            directory={directory}
          />
        </div>
      )}
    </>
  );
}

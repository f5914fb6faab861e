import type { Thresholds } from '@handover/domain';
import { memo, useMemo } from 'react';
import { PRESSURES, type Pressure, pressureLabel, pressureRank } from '../../shared/lib/pressure';
import { BAND_COLOURS } from './chart-colours';
import type { MapSite } from './drill-down';
import { boxFor, centroid, fitProjection } from './map-projection';
import { useStableValue } from './stable-value';

const NONE_COLOUR = '#768692';

function colourOf(pressure: Pressure): string {
  return pressure === 'none' ? NONE_COLOUR : BAND_COLOURS[pressure];
}

/** Past 45 minutes: a dark ring as well as the colour, so the worst sites stand out without colour. */
function ringed(pressure: Pressure): boolean {
  return pressure === 'release_due' || pressure === 'over_60';
}

/** Yellow on the pale map needs a darker edge to stand out (non-text contrast). */
function dotEdge(pressure: Pressure): string {
  if (ringed(pressure)) return '#212b32';
  return pressure === 'over_15' ? '#7a5a00' : colourOf(pressure);
}

/**
 * Every site as a dot placed by its latitude and longitude (no tiles), coloured by pressure and sized
 * by crews held. Decorative for screen readers: the tables carry the same facts, in words. Renders
 * again only when given other sites (keep them stable by value).
 */
export const SiteMap = memo(function SiteMap({
  sites,
  regionNames,
  thresholds,
  title,
}: {
  sites: readonly MapSite[];
  /** Region labels to place at the middle of each region's sites (England only). */
  regionNames?: ReadonlyMap<string, string>;
  thresholds: Thresholds;
  title: string;
}) {
  // Where the sites are changes with the area, not with every refresh of their pressure.
  const places = useStableValue(
    sites.map(({ code, lat, lon, regionCode }) => ({ code, lat, lon, regionCode })),
  );
  const box = useMemo(() => boxFor(places), [places]);
  const projection = useMemo(() => fitProjection(places, box), [places, box]);
  const drawn = useMemo(
    () =>
      [...sites]
        .sort((a, b) => pressureRank(a.pressure) - pressureRank(b.pressure))
        .map((site) => ({ site, ...projection.project(site) })),
    [sites, projection],
  );
  const labels = useMemo(() => {
    if (regionNames === undefined) return [];
    return [...regionNames].flatMap(([code, name]) => {
      const middle = centroid(places.filter((place) => place.regionCode === code));
      return middle === undefined ? [] : [{ code, name, ...projection.project(middle) }];
    });
  }, [regionNames, places, projection]);
  const counts = new Map<Pressure, number>();
  for (const site of sites) counts.set(site.pressure, (counts.get(site.pressure) ?? 0) + 1);

  return (
    <figure className="chart site-map" data-testid="site-map">
      <figcaption className="chart__caption">
        <span className="chart__title">{title}</span>
        <span className="chart__description">
          Each dot is an ED, placed by its position, coloured by its longest-held crew and sized by crews
          held.
        </span>
      </figcaption>
      <svg
        className="site-map__svg"
        viewBox={`0 0 ${box.width} ${box.height}`}
        preserveAspectRatio="xMidYMid meet"
        aria-hidden="true"
        focusable="false"
      >
        {drawn.map(({ site, x, y }) => (
          <SiteDot
            key={site.code}
            code={site.code}
            name={site.name}
            pressure={site.pressure}
            heldNow={site.heldNow}
            x={x}
            y={y}
            thresholds={thresholds}
          />
        ))}
        {labels.map((label) => (
          <text key={label.code} x={label.x} y={label.y} className="site-map__label" textAnchor="middle">
            {label.name}
          </text>
        ))}
      </svg>
      <ul className="site-map__legend" aria-label="Key to the map">
        {[...PRESSURES].reverse().map((pressure) => (
          <li key={pressure} className="site-map__key">
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
              <circle
                cx="8"
                cy="8"
                r={pressure === 'none' ? 4 : 6}
                fill={pressure === 'none' ? '#ffffff' : colourOf(pressure)}
                stroke={dotEdge(pressure)}
                strokeWidth={ringed(pressure) ? 2 : 1.2}
              />
            </svg>
            <span>{pressureLabel(pressure, thresholds)}</span>
            <span className="site-map__count">{counts.get(pressure) ?? 0}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
});

/** One site: renders again only when its pressure or crews held change. */
const SiteDot = memo(function SiteDot({
  code,
  name,
  pressure,
  heldNow,
  x,
  y,
  thresholds,
}: {
  code: string;
  name: string;
  pressure: Pressure;
  heldNow: number;
  x: number;
  y: number;
  thresholds: Thresholds;
}) {
  return (
    <circle
      cx={x}
      cy={y}
      r={pressure === 'none' ? 2.6 : 3.6 + Math.min(6, heldNow * 0.8)}
      fill={pressure === 'none' ? '#ffffff' : colourOf(pressure)}
      stroke={dotEdge(pressure)}
      strokeWidth={ringed(pressure) ? 1.8 : 1}
      data-site-code={code}
      data-pressure={pressure}
    >
      <title>{`${name}: ${heldNow} crews held (${pressureLabel(pressure, thresholds).toLowerCase()})`}</title>
    </circle>
  );
});

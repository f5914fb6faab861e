/**
 * Sites placed by latitude and longitude, without map tiles: an equirectangular projection with the
 * longitude scaled by cos(latitude) at the map's middle, so distances east-west and north-south read
 * alike at England's latitudes (a degree of longitude there is about 0.6 of a degree of latitude).
 */
export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface MapBox {
  width: number;
  height: number;
  /** Kept clear around the points, in the same units (room for dots and labels). */
  padding: number;
}

export interface Projection {
  project(point: GeoPoint): { x: number; y: number };
  /** East-west scale relative to north-south: cos of the middle latitude. */
  lonScale: number;
}

const DEGREE = Math.PI / 180;

/** The projection that fits every point inside the box, centred, keeping the aspect ratio. */
export function fitProjection(points: readonly GeoPoint[], box: MapBox): Projection {
  if (points.length === 0) {
    return { project: () => ({ x: box.width / 2, y: box.height / 2 }), lonScale: 1 };
  }
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  for (const { lat, lon } of points) {
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
  }
  const lonScale = Math.cos(((minLat + maxLat) / 2) * DEGREE);
  const spanX = (maxLon - minLon) * lonScale;
  const spanY = maxLat - minLat;
  const innerWidth = box.width - 2 * box.padding;
  const innerHeight = box.height - 2 * box.padding;
  // One point (or points in a line) has no span in one direction: the other decides the scale.
  const scale = Math.min(
    spanX > 0 ? innerWidth / spanX : Number.POSITIVE_INFINITY,
    spanY > 0 ? innerHeight / spanY : Number.POSITIVE_INFINITY,
  );
  const k = Number.isFinite(scale) ? scale : 1;
  const offsetX = (box.width - spanX * k) / 2;
  const offsetY = (box.height - spanY * k) / 2;
  return {
    lonScale,
    project: ({ lat, lon }) => ({
      x: offsetX + (lon - minLon) * lonScale * k,
      // North is up: SVG's y grows downwards.
      y: offsetY + (maxLat - lat) * k,
    }),
  };
}

/** Where a group's label goes: the middle of its points, projected. */
export function centroid(points: readonly GeoPoint[]): GeoPoint | undefined {
  if (points.length === 0) return undefined;
  let lat = 0;
  let lon = 0;
  for (const point of points) {
    lat += point.lat;
    lon += point.lon;
  }
  return { lat: lat / points.length, lon: lon / points.length };
}

/**
 * A box shaped like the points' spread (England is taller than wide; London wider than tall), so the
 * map fills its panel instead of floating in margins. Width is fixed; height follows, within limits.
 */
export function boxFor(points: readonly GeoPoint[], width = 400, padding = 18): MapBox {
  if (points.length < 2) return { width, height: width, padding };
  const lats = points.map((point) => point.lat);
  const lons = points.map((point) => point.lon);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const spanX = (Math.max(...lons) - Math.min(...lons)) * Math.cos(midLat * DEGREE);
  const spanY = Math.max(...lats) - Math.min(...lats);
  const inner = width - 2 * padding;
  const height = spanX > 0 ? (inner * spanY) / spanX + 2 * padding : width;
  return { width, height: Math.round(Math.min(width * 1.6, Math.max(width * 0.6, height))), padding };
}

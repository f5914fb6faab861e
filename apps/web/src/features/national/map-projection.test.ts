import { describe, expect, it } from 'vitest';
import { boxFor, centroid, fitProjection } from './map-projection';

// Real positions: Queen Elizabeth Birmingham, Royal Cornwall (Truro), Royal Victoria Infirmary
// (Newcastle), Norfolk and Norwich, St Thomas' (London).
const BIRMINGHAM = { lat: 52.4531, lon: -1.9386 };
const TRURO = { lat: 50.2667, lon: -5.0927 };
const NEWCASTLE = { lat: 54.9799, lon: -1.6201 };
const NORWICH = { lat: 52.6178, lon: 1.2195 };
const LONDON = { lat: 51.4989, lon: -0.1186 };
const ENGLAND = [BIRMINGHAM, TRURO, NEWCASTLE, NORWICH, LONDON];
const BOX = { width: 400, height: 400, padding: 20 };

describe('map projection', () => {
  it('puts north up and east right, inside the box and its padding', () => {
    const { project } = fitProjection(ENGLAND, BOX);
    const newcastle = project(NEWCASTLE);
    const truro = project(TRURO);
    const norwich = project(NORWICH);
    expect(newcastle.y).toBeLessThan(truro.y);
    expect(norwich.x).toBeGreaterThan(truro.x);
    for (const point of ENGLAND.map(project)) {
      expect(point.x).toBeGreaterThanOrEqual(BOX.padding - 1e-9);
      expect(point.x).toBeLessThanOrEqual(BOX.width - BOX.padding + 1e-9);
      expect(point.y).toBeGreaterThanOrEqual(BOX.padding - 1e-9);
      expect(point.y).toBeLessThanOrEqual(BOX.height - BOX.padding + 1e-9);
    }
  });

  it('scales longitude by cos(latitude) so a degree east is shorter than a degree north', () => {
    const projection = fitProjection(ENGLAND, BOX);
    const middle = (TRURO.lat + NEWCASTLE.lat) / 2;
    expect(projection.lonScale).toBeCloseTo(Math.cos((middle * Math.PI) / 180), 10);
    const origin = projection.project({ lat: 52, lon: -1 });
    const east = projection.project({ lat: 52, lon: 0 });
    const north = projection.project({ lat: 53, lon: -1 });
    const ratio = (east.x - origin.x) / (origin.y - north.y);
    expect(ratio).toBeCloseTo(projection.lonScale, 10);
    expect(ratio).toBeGreaterThan(0.55);
    expect(ratio).toBeLessThan(0.65);
  });

  it('fills the limiting direction and centres the other', () => {
    const { project } = fitProjection(ENGLAND, BOX);
    const ys = ENGLAND.map((point) => project(point).y);
    const xs = ENGLAND.map((point) => project(point).x);
    // England is taller than wide at this box's shape: north-south fills the height.
    expect(Math.min(...ys)).toBeCloseTo(BOX.padding, 9);
    expect(Math.max(...ys)).toBeCloseTo(BOX.height - BOX.padding, 9);
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(BOX.width / 2, 9);
  });

  it('places a single site (or none) in the middle', () => {
    expect(fitProjection([LONDON], BOX).project(LONDON)).toEqual({ x: 200, y: 200 });
    expect(fitProjection([], BOX).project(LONDON)).toEqual({ x: 200, y: 200 });
  });

  it('shapes the box like the spread of the points, and finds a group’s middle', () => {
    const england = boxFor(ENGLAND);
    expect(england.width).toBe(400);
    expect(england.height).toBeGreaterThan(400);
    const eastWest = boxFor([TRURO, NORWICH]);
    expect(eastWest.height).toBeLessThan(eastWest.width);
    expect(centroid([TRURO, NORWICH])).toEqual({
      lat: (TRURO.lat + NORWICH.lat) / 2,
      lon: (TRURO.lon + NORWICH.lon) / 2,
    });
    expect(centroid([])).toBeUndefined();
  });
});

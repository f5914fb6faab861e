import { readFileSync } from 'node:fs';
import { ENGLAND_2025 } from '@handover/domain';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { areaFigures, emptyAggregate } from '../../shared/lib/area-figures';
import { AreaTable } from './area-table';
import type { AreaRow } from './drill-down';

// Read as text: the tests load no stylesheets, and the colours are what matter here.
const stylesheet = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const globalCss = stylesheet('../../app/global.css');
const nationalCss = stylesheet('./national.css');

function row(name: string): AreaRow {
  return {
    code: name,
    name,
    href: `/trust/${name}`,
    parent: 'Midlands',
    pressure: 'none',
    figures: areaFigures(emptyAggregate(name), ENGLAND_2025),
  };
}

describe('a national table', () => {
  it('says how many of its rows a search shows', () => {
    render(
      <AreaTable
        title="Acute trusts in England"
        nameHeader="Acute trust"
        rows={['Barts', 'Birmingham', 'Coventry', 'Derby'].map(row)}
        thresholds={ENGLAND_2025}
        pageSize={25}
        testId="trust-table"
      />,
    );
    const heading = screen.getByRole('heading', { name: /^Acute trusts in England/ });
    expect(heading.textContent).toBe('Acute trusts in England 4');
    fireEvent.change(screen.getByLabelText('Find by name'), { target: { value: 'birm' } });
    expect(heading.textContent).toBe('Acute trusts in England 1 of 4');
    fireEvent.change(screen.getByLabelText('Find by name'), { target: { value: '' } });
    expect(heading.textContent).toBe('Acute trusts in England 4');
  });

  it.each(['release_due', 'over_60'])('keeps links readable on the %s row tint (WCAG AA, 4.5:1)', (band) => {
    const background = declared(nationalCss, `.area-table__row--${band}`, 'background');
    const link =
      declared(nationalCss, `.area-table__row--${band} a`, 'color') ?? declared(globalCss, 'a', 'color');
    if (background === undefined || link === undefined) throw new Error('colours not found');
    expect(contrast(link, background)).toBeGreaterThanOrEqual(4.5);
  });
});

/** The value a stylesheet's rule for exactly `selector` gives `property`, its palette variables resolved. */
function declared(css: string, selector: string, property: string): string | undefined {
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g);
  for (const [, selectors = '', body = ''] of rules) {
    if (!selectors.split(',').some((each) => each.trim() === selector)) continue;
    const value = body.match(new RegExp(`(?:^|[;\\s])${property}:\\s*([^;]+)`))?.[1]?.trim();
    if (value !== undefined) return value.replace(/var\((--[\w-]+)\)/, (_, name) => palette(name));
  }
  return undefined;
}

function palette(name: string): string {
  const value = globalCss.match(new RegExp(`${name}:\\s*([^;]+);`))?.[1];
  if (value === undefined) throw new Error(`${name} is not in global.css`);
  return value.trim();
}

/** WCAG 2 contrast ratio of two "#rrggbb" colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from './results';
import { renderMarkdown, table } from './results-md';

describe('RESULTS.md tables', () => {
  it('refuse a row whose cells do not match the headings', () => {
    expect(table(['a', 'b'], [['1', '2']])).toBe('| a | b |\n|---|---|\n| 1 | 2 |');
    expect(() => table(['a', 'b', 'c'], [['1', '2']])).toThrow(/2 cells under 3 headings/);
  });

  it('render the last committed run with every row as wide as its headings', () => {
    const results: BenchResults = JSON.parse(
      readFileSync(new URL('../results.json', import.meta.url), 'utf8'),
    );
    const markdown = renderMarkdown(results);
    const tables = markdown.split('\n\n').filter((block) => block.startsWith('|'));
    expect(tables.length).toBeGreaterThan(5);
    for (const block of tables) {
      // Headings and rows (the separator line apart): a cell per heading.
      const lines = block.split('\n').filter((_, index) => index !== 1);
      const widths = lines.map((line) => line.split(' | ').length);
      expect(new Set(widths).size, block.split('\n')[0]).toBe(1);
    }
  });
});

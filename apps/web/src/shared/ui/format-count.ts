/**
 * A count with thousands separators ("2,000"). One shared formatter: Number#toLocaleString sets one up
 * on every call, which costs milliseconds across a refresh of the tables.
 */
export const formatCount: (count: number) => string = new Intl.NumberFormat('en-GB').format;

/** A count and its noun, singular for one: "1 patient", "2,000 patients". */
export function formatCountOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/**
 * A count with thousands separators ("2,000"). One shared formatter: Number#toLocaleString sets one up
 * on every call, which costs milliseconds across a refresh of the tables.
 */
export const formatCount: (count: number) => string = new Intl.NumberFormat('en-GB').format;

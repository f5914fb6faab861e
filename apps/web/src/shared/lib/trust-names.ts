/**
 * Trust names are long ("West Midlands Ambulance Service University NHS Foundation Trust"); screens
 * read from across a room need the part people say. Drops the legal suffix only.
 */
const LEGAL_SUFFIX = /\s+(University\s+)?NHS(\s+Foundation)?\s+Trust$/i;

export function shortTrustName(name: string): string {
  const short = name.replace(LEGAL_SUFFIX, '');
  return short === '' ? name : short;
}

/** Shorter still, for crowded screens: "West Midlands", "London", "Isle of Wight". */
export function shortAmbulanceServiceName(name: string): string {
  const short = shortTrustName(name).replace(/\s+Ambulance Service$/i, '');
  return short === '' ? name : short;
}

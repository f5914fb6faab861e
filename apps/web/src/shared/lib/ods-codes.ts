/** ODS site codes are 5 capital letters or digits (RRK15); the server refuses anything else. */
export function isSiteCode(code: string): boolean {
  return /^[A-Z0-9]{5}$/.test(code);
}

/** ODS trust codes (acute and ambulance) are 3 capital letters or digits (RRK, RYA). */
export function isTrustCode(code: string): boolean {
  return /^[A-Z0-9]{3}$/.test(code);
}

/** NHS England region codes: Y56 to Y63. */
export function isRegionCode(code: string): boolean {
  return /^Y\d{2}$/.test(code);
}

/** ODS site codes are 5 capital letters or digits (RRK15); the server refuses anything else. */
export function isSiteCode(code: string): boolean {
  return /^[A-Z0-9]{5}$/.test(code);
}

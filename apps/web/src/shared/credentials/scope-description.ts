import { SCOPE_CODE_NAMES, type Scope } from '@handover/protocol';
import type { OrganisationDirectory } from '../../stores/organisations-store';

/**
 * A scope in plain English for people: "Queen Elizabeth Hospital Birmingham (RRK15)",
 * "West Midlands Ambulance Service (RYA) conveyances", "all of England". Falls back to codes when the
 * directory has not loaded.
 */
export function describeScope(scope: Scope, directory: OrganisationDirectory | null): string {
  switch (scope.kind) {
    case 'england':
      return 'all of England';
    case 'region': {
      const name = directory?.region(scope.code)?.name;
      return name === undefined ? `region ${scope.code}` : `the ${name} region`;
    }
    case 'acute_trust':
      return named(directory?.acuteTrust(scope.code)?.name, scope.code, 'trust');
    case 'ambulance_trust':
      return `${named(directory?.ambulanceTrust(scope.code)?.name, scope.code, 'ambulance trust')} conveyances`;
    case 'sites': {
      const names = scope.codes.map((code) => named(directory?.site(code)?.name, code, 'site'));
      return listInWords(names);
    }
  }
}

/** "ZZZ99 is not a known site code.", "ZZZ98 and ZZZ99 are not known site codes." */
export function describeUnknownCodes(scope: Scope, codes: readonly string[]): string {
  const what = SCOPE_CODE_NAMES[scope.kind];
  return codes.length === 1
    ? `${codes[0]} is not a known ${what} code.`
    : `${listInWords(codes)} are not known ${what} codes.`;
}

function named(name: string | undefined, code: string, what: string): string {
  return name === undefined ? `${what} ${code}` : `${name} (${code})`;
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

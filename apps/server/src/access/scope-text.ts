import { type Scope, ScopeSchema } from '@handover/protocol';
import { Compile } from 'typebox/compile';

/**
 * Scopes written as one word for people (command line, logs): `england`, `region:Y60`,
 * `acute_trust:RRK`, `ambulance_trust:RYA`, `sites:RRK15,RRK97`.
 */

const scopeValidator = Compile(ScopeSchema);

export const SCOPE_EXAMPLES = [
  'england',
  'region:Y60',
  'acute_trust:RRK',
  'ambulance_trust:RYA',
  'sites:RRK15,RRK97',
] as const;

/** True when `value` has the exact shape of a Scope (codes well formed, no extra fields). */
export function isScope(value: unknown): value is Scope {
  return scopeValidator.Check(value);
}

/** Reads a scope written as above; codes may be given in lower case. Throws an Error saying what is wrong. */
export function parseScopeArgument(text: string): Scope {
  const trimmed = text.trim();
  const separator = trimmed.indexOf(':');
  const kind = (separator === -1 ? trimmed : trimmed.slice(0, separator)).toLowerCase();
  const codes = separator === -1 ? '' : trimmed.slice(separator + 1).toUpperCase();
  const scope = scopeOf(kind, codes, trimmed);
  if (!isScope(scope)) throw new Error(`Scope "${trimmed}" has a malformed code. ${codeFormats(kind)}`);
  return scope;
}

export function formatScope(scope: Scope): string {
  switch (scope.kind) {
    case 'england':
      return 'england';
    case 'sites':
      return `sites:${scope.codes.join(',')}`;
    default:
      return `${scope.kind}:${scope.code}`;
  }
}

function scopeOf(kind: string, codes: string, text: string): Scope {
  const needsCode = (): string => {
    if (codes === '') throw new Error(`Scope "${text}" needs a code after "${kind}:". ${codeFormats(kind)}`);
    return codes;
  };
  switch (kind) {
    case 'england':
      if (codes !== '') throw new Error(`Scope "england" takes no code (got "${text}")`);
      return { kind: 'england' };
    case 'region':
    case 'acute_trust':
    case 'ambulance_trust':
      return { kind, code: needsCode() };
    case 'sites': {
      const list = needsCode()
        .split(',')
        .map((code) => code.trim());
      if (list.includes('')) throw new Error(`Scope "${text}" has an empty site code`);
      return { kind: 'sites', codes: [...new Set(list)] };
    }
    default:
      throw new Error(`Unknown scope "${text}". Write one of: ${SCOPE_EXAMPLES.join(', ')}`);
  }
}

function codeFormats(kind: string): string {
  switch (kind) {
    case 'region':
      return 'A region code is Y and two digits, e.g. region:Y60.';
    case 'sites':
      return 'Site codes are 5 letters or digits, at most 50, comma-separated, e.g. sites:RRK15,RRK97.';
    default:
      return `A trust code is 3 letters or digits, e.g. ${kind}:RRK.`;
  }
}

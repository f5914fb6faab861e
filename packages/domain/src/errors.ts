/** Stable codes for events the domain refuses. The server maps every one to HTTP 409 or 422. */
export const DOMAIN_ERROR_CODES = [
  'HANDOVER_NOT_FOUND',
  'HANDOVER_ID_CONFLICT',
  'HANDOVER_CANCELLED',
  'NOT_ARRIVED',
  'BEFORE_ARRIVAL',
  'BEFORE_RELEASE_REQUEST',
  'ALREADY_ARRIVED',
  'ALREADY_HANDED_OVER',
  'ALREADY_CLEARED',
  'RELEASE_ALREADY_REQUESTED',
  'NO_OPEN_RELEASE_REQUEST',
  'RELEASE_NOT_APPLICABLE',
  'INVALID_CORRECTION',
  'EVENT_ID_REUSED',
  'REASON_REQUIRED',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainError {
  code: DomainErrorCode;
  message: string;
  /** The event field at fault, when one is. */
  field?: string;
}

export function domainError(code: DomainErrorCode, message: string, field?: string): DomainError {
  return field === undefined ? { code, message } : { code, message, field };
}

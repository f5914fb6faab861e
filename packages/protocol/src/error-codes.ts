import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '@handover/domain';

/**
 * Every error the API returns has a stable `code`, an HTTP status and a message a person can act on.
 * Domain refusals (the event contradicts the handover's history) answer 409 or 422.
 */
export const API_ERROR_STATUS = {
  MALFORMED_JSON: 400,
  INVALID_BODY: 400,
  UNKNOWN_FIELD: 400,
  MISSING_FIELD: 400,
  INVALID_FIELD: 400,
  INVALID_TIMESTAMP: 400,
  TIMESTAMP_IN_FUTURE: 422,
  TIMESTAMP_TOO_OLD: 422,
  UNKNOWN_SITE: 422,
  UNKNOWN_TRUST: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BODY_TOO_LARGE: 413,
  BATCH_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  STORE_UNAVAILABLE: 503,
  SHUTTING_DOWN: 503,
  INTERNAL: 500,
} as const;
export type TransportErrorCode = keyof typeof API_ERROR_STATUS;
export type ApiErrorCode = TransportErrorCode | DomainErrorCode;

const DOMAIN_STATUS: Record<DomainErrorCode, 404 | 409 | 422> = {
  HANDOVER_NOT_FOUND: 422,
  HANDOVER_ID_CONFLICT: 409,
  HANDOVER_CANCELLED: 409,
  NOT_ARRIVED: 409,
  BEFORE_ARRIVAL: 422,
  BEFORE_RELEASE_REQUEST: 422,
  ALREADY_ARRIVED: 409,
  ALREADY_HANDED_OVER: 409,
  ALREADY_CLEARED: 409,
  RELEASE_ALREADY_REQUESTED: 409,
  NO_OPEN_RELEASE_REQUEST: 409,
  RELEASE_NOT_APPLICABLE: 409,
  INVALID_CORRECTION: 422,
  EVENT_ID_REUSED: 409,
  REASON_REQUIRED: 422,
};

export function statusOf(code: ApiErrorCode): number {
  return code in API_ERROR_STATUS
    ? API_ERROR_STATUS[code as TransportErrorCode]
    : DOMAIN_STATUS[code as DomainErrorCode];
}

export const API_ERROR_CODES: readonly ApiErrorCode[] = [
  ...(Object.keys(API_ERROR_STATUS) as TransportErrorCode[]),
  ...DOMAIN_ERROR_CODES,
];

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** The request field at fault, as a JSON pointer-ish path ('at', 'events/3/siteCode'). */
  field?: string;
}

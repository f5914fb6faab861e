import { parseTimestamp } from '@handover/domain';
import { type ApiError, statusOf } from '@handover/protocol';

/** An error the API answers with its stable code; thrown from routes, validators and hooks. */
export class ApiRequestError extends Error {
  readonly statusCode: number;

  constructor(
    readonly apiError: ApiError,
    readonly headers: Record<string, string> = {},
  ) {
    super(apiError.message);
    this.statusCode = statusOf(apiError.code);
  }
}

/** A query's timestamp, already shaped by its schema, as epoch ms; a date that does not exist is refused. */
export function queryTimestamp(text: string, field: string): number {
  const ms = parseTimestamp(text);
  if (ms === undefined) {
    throw new ApiRequestError({
      code: 'INVALID_TIMESTAMP',
      message: `Query parameter '${field}' is not a real date and time.`,
      field,
    });
  }
  return ms;
}

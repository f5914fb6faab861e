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

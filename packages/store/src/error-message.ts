import { StoreUnavailableError } from './event-store';

/** The message of anything thrown, for error messages that name their cause. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** True for a Node system error with this errno code (ENOENT, ENOSPC...). */
export function hasErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

/** A StoreUnavailableError whose message ends with its cause's. */
export function unavailable(message: string, cause: unknown): StoreUnavailableError {
  return new StoreUnavailableError(`${message}: ${errorMessage(cause)}`, { cause });
}

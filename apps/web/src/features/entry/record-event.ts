import type { HandoverEvent } from '@handover/domain';

/** Hands a new event to the outbox (which stores it before sending). */
export type RecordEvent = (event: HandoverEvent) => void;

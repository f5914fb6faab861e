import { HANDOVER_STATES } from '@handover/domain';
import Type, { type Static } from 'typebox';
import { API_ERROR_CODES } from './error-codes';

export const MAX_BATCH_EVENTS = 500;

export const ApiErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.Enum([...API_ERROR_CODES]),
    message: Type.String(),
    field: Type.Optional(Type.String()),
  }),
});

export const EventAcceptedSchema = Type.Object({
  /** `duplicate`: this eventId was already recorded; the original outcome is returned, nothing changed. */
  outcome: Type.Enum(['accepted', 'duplicate']),
  eventId: Type.String(),
  handoverId: Type.String(),
  cursor: Type.String(),
  recordedAt: Type.String(),
  state: Type.Enum([...HANDOVER_STATES]),
});
export type EventAccepted = Static<typeof EventAcceptedSchema>;

export const BatchBodySchema = Type.Object(
  { events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_BATCH_EVENTS }) },
  { additionalProperties: false },
);

export const BatchResultSchema = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(
    Type.Union([
      Type.Object({ index: Type.Integer(), status: Type.Integer(), ...EventAcceptedSchema.properties }),
      Type.Object({ index: Type.Integer(), status: Type.Integer(), ...ApiErrorSchema.properties }),
    ]),
  ),
});
export type BatchResult = Static<typeof BatchResultSchema>;

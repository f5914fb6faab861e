import {
  CALLSIGN_PATTERN,
  CANCEL_REASONS,
  CATEGORIES,
  CORRECTABLE_FIELDS,
  EVENT_TYPES,
  type EventType,
  HANDOVER_PARTIES,
  type HandoverEvent,
  RELEASE_OUTCOMES,
  TIMESTAMP_PATTERN,
} from '@handover/domain';
import Type, { type TSchema } from 'typebox';

/**
 * Wire schemas of the handover events (DOMAIN.md section 3). Every object refuses unknown fields, so
 * nothing patient-identifying can slip in beside the operational timestamps and codes.
 */

export { TIMESTAMP_PATTERN };

const Timestamp = (description: string) => Type.String({ pattern: TIMESTAMP_PATTERN, description });
const Uuid = (description: string) => Type.String({ format: 'uuid', description });

export const SiteCode = Type.String({ pattern: '^[A-Z0-9]{5}$', description: 'ODS site code, e.g. RRK15' });
export const TrustCode = Type.String({ pattern: '^[A-Z0-9]{3}$', description: 'ODS trust code, e.g. RYA' });
const Callsign = Type.String({
  pattern: CALLSIGN_PATTERN,
  description: 'Vehicle callsign (not a patient identifier)',
});
const Reason = (description: string) => Type.String({ minLength: 1, maxLength: 500, description });

const base = {
  eventId: Uuid('Chosen by the sender; the idempotency key'),
  handoverId: Uuid('Chosen by the sender; one per patient conveyed'),
  at: Timestamp('When it happened'),
};
const conveyance = {
  siteCode: SiteCode,
  ambulanceTrustCode: TrustCode,
  callsign: Callsign,
  category: Type.Optional(Type.Enum([...CATEGORIES], { description: 'Ambulance response category 1 to 5' })),
};
const closed = { additionalProperties: false } as const;

export const EVENT_SCHEMAS = {
  eta: Type.Object(
    { type: Type.Literal('eta'), ...base, ...conveyance, expectedAt: Timestamp('Expected arrival') },
    { ...closed, title: 'eta', description: 'Pre-alert: shows as inbound, does not start the clock' },
  ),
  arrived: Type.Object(
    { type: Type.Literal('arrived'), ...base, ...conveyance },
    { ...closed, title: 'arrived', description: 'Ambulance at the ED: starts the handover clock' },
  ),
  handed_over: Type.Object(
    { type: Type.Literal('handed_over'), ...base, by: Type.Enum([...HANDOVER_PARTIES]) },
    { ...closed, title: 'handed_over', description: 'Clinical handover complete: stops the clock' },
  ),
  cleared: Type.Object(
    { type: Type.Literal('cleared'), ...base },
    { ...closed, title: 'cleared', description: 'Crew and vehicle ready for the next call' },
  ),
  release_requested: Type.Object(
    { type: Type.Literal('release_requested'), ...base },
    { ...closed, title: 'release_requested', description: 'Control asks the ED to release the crew' },
  ),
  release_responded: Type.Object(
    {
      type: Type.Literal('release_responded'),
      ...base,
      outcome: Type.Enum([...RELEASE_OUTCOMES]),
      reason: Type.Optional(Reason('Required when declined')),
    },
    { ...closed, title: 'release_responded', description: "The ED's answer to a release request" },
  ),
  corrected: Type.Object(
    {
      type: Type.Literal('corrected'),
      ...base,
      field: Type.Enum([...CORRECTABLE_FIELDS]),
      value: Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Integer()]),
      reason: Reason('Why the recorded value was wrong'),
    },
    { ...closed, title: 'corrected', description: 'A recorded value was wrong: new value and reason' },
  ),
  cancelled: Type.Object(
    { type: Type.Literal('cancelled'), ...base, reason: Type.Enum([...CANCEL_REASONS]) },
    { ...closed, title: 'cancelled', description: 'Entered in error, duplicate or diverted' },
  ),
} satisfies Record<EventType, TSchema>;

/** The union, for documentation (OpenAPI); validation picks the member by `type` for precise errors. */
export const HandoverEventSchema = Type.Union(
  EVENT_TYPES.map((type) => EVENT_SCHEMAS[type]),
  { description: 'One handover event, chosen by its `type`' },
);

export const TIMESTAMP_FIELDS = ['at', 'expectedAt'] as const;

/** Type-level check that the schemas and the domain's event types describe the same shapes. */
export type EventSchemaMatchesDomain = HandoverEvent['type'] extends keyof typeof EVENT_SCHEMAS
  ? true
  : never;

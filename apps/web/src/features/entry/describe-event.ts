import type { CorrectableField, Handover, HandoverEvent } from '@handover/domain';

export const FIELD_NAMES: Record<CorrectableField, string> = {
  arrivedAt: 'arrival time',
  crewHandedOverAt: "crew's handover time",
  edHandedOverAt: "ED's handover time",
  clearedAt: 'clear time',
  category: 'category',
  callsign: 'callsign',
};

/** An event in a few words for people: "Arrival of WM123", "Crew clear of WM123". */
export function describeEvent(event: HandoverEvent, handovers: ReadonlyMap<string, Handover>): string {
  const callsign =
    'callsign' in event ? event.callsign : (handovers.get(event.handoverId)?.callsign ?? 'an ambulance');
  switch (event.type) {
    case 'arrived':
      return `Arrival of ${callsign}`;
    case 'eta':
      return `Pre-alert for ${callsign}`;
    case 'handed_over':
      return `Handover of ${callsign} (${event.by === 'ed' ? 'ED' : 'crew'})`;
    case 'cleared':
      return `Crew clear of ${callsign}`;
    case 'corrected':
      return `Correction of ${callsign}: ${FIELD_NAMES[event.field]}`;
    case 'cancelled':
      return `Cancellation of ${callsign}`;
    case 'release_requested':
      return `Release request for ${callsign}`;
    case 'release_responded':
      return `Release answer for ${callsign}`;
  }
}

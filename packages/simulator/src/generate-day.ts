import { calendarDay, type LocalDate, type Period } from '@handover/domain';
import { type GenerateTrafficOptions, generateTraffic } from './generator';
import type { GeneratedEvent } from './wire-events';

export interface GenerateDayOptions extends Omit<GenerateTrafficOptions, 'from' | 'to'> {
  /** A Europe/London calendar date, 'YYYY-MM-DD'. */
  date: LocalDate;
}

export interface GeneratedDay {
  /** The London calendar day [00:00, next 00:00): 23, 24 or 25 hours. */
  period: Period;
  events: GeneratedEvent[];
}

/** The traffic of every handover arriving on one London calendar day. */
export function generateDay(options: GenerateDayOptions): GeneratedDay {
  const { date, ...rest } = options;
  const period = calendarDay(date);
  return { period, events: generateTraffic({ ...rest, from: period.start, to: period.end }) };
}

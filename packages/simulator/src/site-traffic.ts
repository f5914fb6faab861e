import type { TrustCalibration } from './calibration';
import { callsignFor, pickAmbulanceTrust, pickCategory, type SiteConveyors } from './conveyance';
import {
  CANCELLED_RECORD_SHARE,
  cancelledRecordBeside,
  type JourneyContext,
  planJourney,
  type Vehicle,
} from './journey';
import { Random, uuidV4, type Weighted } from './random';
import { arrivalsPerHour, poissonArrivals } from './traffic-model';
import { cancelledRecordEvents, journeyEvents, type TimedEvent } from './wire-events';

/**
 * One ED's traffic over a window: vehicles arrive, each with one to three patients, and every patient
 * becomes a journey. The site is simulated in arrival order so each patient sees the queue left by the
 * ones before (a full ED lengthens waits and cohorts crews).
 */

// Usually one patient per vehicle; sometimes two or three (a road traffic collision, a couple).
const PATIENTS_PER_VEHICLE: readonly Weighted<number>[] = [
  { value: 1, weight: 0.97 },
  { value: 2, weight: 0.025 },
  { value: 3, weight: 0.005 },
];
const MEAN_PATIENTS_PER_VEHICLE = PATIENTS_PER_VEHICLE.reduce(
  (sum, { value, weight }) => sum + value * weight,
  0,
);
/** Share of vehicles that send a pre-alert 10 to 20 minutes out. */
const PRE_ALERT_SHARE = 0.1;

export interface SiteTrafficInput {
  seed: number;
  siteCode: string;
  conveyors: SiteConveyors;
  calibration: TrustCalibration;
  /** This site's share of its trust's daily handovers. */
  dailyHandovers: number;
  weekdayFactors: readonly number[];
  /** Patients arriving from here on are simulated only to fill the queue, not emitted. */
  warmUpFrom: number;
  from: number;
  to: number;
}

export function siteTraffic(input: SiteTrafficInput): TimedEvent[] {
  // Each site draws from its own stream, so choosing other sites never changes this one's traffic; and
  // each window too, or two days' traffic would start from the same draws and share ids.
  const random = new Random(`${input.seed}/${input.siteCode}/${input.from}`);
  const newId = (): string => uuidV4(random);
  const vehiclesPerHour = (instant: number): number =>
    arrivalsPerHour(input.dailyHandovers, input.weekdayFactors, instant) / MEAN_PATIENTS_PER_VEHICLE;
  const events: TimedEvent[] = [];
  // Handover instants of the patients not yet handed over, to measure the queue each arrival meets.
  let awaitingHandover: number[] = [];

  for (const arrivedAt of poissonArrivals(random, vehiclesPerHour, input.warmUpFrom, input.to)) {
    awaitingHandover = awaitingHandover.filter((handedOverAt) => handedOverAt > arrivedAt);
    const vehicle = newVehicle(random, input, arrivedAt);
    const patients = random.weighted(PATIENTS_PER_VEHICLE);
    const context: JourneyContext = {
      random,
      calibration: input.calibration,
      queue: awaitingHandover.length,
      newId,
    };
    for (let patient = 0; patient < patients; patient += 1) {
      const journey = planJourney(context, vehicle, pickCategory(random));
      awaitingHandover.push(journey.handedOverAt);
      if (arrivedAt < input.from) continue;
      events.push(...journeyEvents(journey, newId));
      if (random.chance(CANCELLED_RECORD_SHARE)) {
        events.push(...cancelledRecordEvents(cancelledRecordBeside(context, journey), newId));
      }
    }
  }
  return events;
}

function newVehicle(random: Random, input: SiteTrafficInput, arrivedAt: number): Vehicle {
  const ambulanceTrustCode = pickAmbulanceTrust(random, input.conveyors);
  const vehicle: Vehicle = {
    siteCode: input.siteCode,
    ambulanceTrustCode,
    callsign: callsignFor(random, ambulanceTrustCode),
    arrivedAt,
  };
  if (random.chance(PRE_ALERT_SHARE))
    vehicle.etaAt = arrivedAt - Math.round(random.uniform(600, 1200)) * 1000;
  return vehicle;
}

export {
  ApiSender,
  type ApiSenderOptions,
  type EventResult,
  type SenderCredentials,
  SenderFatalError,
} from './api-sender';
export { type QueuedEvent, takeBatch } from './batch-builder';
export {
  type Calibration,
  type CalibrationBasis,
  type CalibrationTexts,
  calibrateTraffic,
  type NationalFigures,
  type TrustCalibration,
  trustCalibration,
} from './calibration';
export {
  DURATION_CAP_MINUTES,
  type DurationModel,
  type DurationTargets,
  fitDurationModel,
  sampleDurationMinutes,
} from './duration-model';
export { type GenerateDayOptions, type GeneratedDay, generateDay } from './generate-day';
export { type GenerateTrafficOptions, generateTraffic, type TrafficOrganisations } from './generator';
export { accelerated, asFastAsPossible, type Pace, realTime } from './pace';
export { Random, uuidV4, type Weighted } from './random';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
export {
  MAX_HISTORY_DAYS,
  planSimulation,
  runSimulation,
  type SimulationMode,
  type SimulationPlan,
  type SimulationProgress,
  type SimulationReport,
  type SimulationRequest,
} from './run-simulation';
export type { SendStats } from './send-stats';
export { arrivalsPerHour, hourlyShape } from './traffic-model';
export { type TrafficTimelineOptions, trafficTimeline } from './traffic-timeline';
export type { GeneratedEvent, Sender } from './wire-events';

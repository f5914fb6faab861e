import type { Random } from './random';

/**
 * The handover-duration distribution of one trust, fitted to its published figures: the share of known
 * handovers over 15, 30, (45,) 60 minutes and, where published, the mean.
 *
 * It is a mixture with one component per band, so the band shares match the data by construction:
 * - within 15 minutes: triangular from 3 to 15 minutes, mode 11 (a handover takes a few minutes at
 *   least, and most that meet the standard finish towards its end);
 * - each band between thresholds (15-30, 30-45, 45-60): an exponential decay (constant hazard) whose
 *   rate is what carries the share over the lower threshold down to the share over the upper one, so
 *   the density falls smoothly through the band as real waits do;
 * - over 60 minutes: a long exponential tail, capped at 6 hours, whose scale is solved so the overall
 *   mean matches the trust's real mean. Without a published mean it continues the last band's hazard.
 */

export interface DurationTargets {
  /** Share of known handovers strictly over each threshold, 0 to 1. */
  over15: number;
  over30: number;
  /** Not in the monthly figures; the band 30-60 is then one component. */
  over45?: number;
  over60: number;
  /** Mean handover minutes, where published. */
  meanMinutes?: number;
}

/** One component of the mixture: a duration in [fromMinutes, toMinutes). */
export type DurationComponent =
  | { kind: 'triangular'; probability: number; fromMinutes: number; modeMinutes: number; toMinutes: number }
  | { kind: 'decay'; probability: number; fromMinutes: number; toMinutes: number; hazardPerMinute: number };

export interface DurationModel {
  components: readonly DurationComponent[];
  /** The model's own expected mean, for comparison with the target. */
  meanMinutes: number;
}

/** No handover is simulated longer than this (real waits beyond 6 hours exist but are vanishingly few). */
export const DURATION_CAP_MINUTES = 360;
const WITHIN_TARGET = { fromMinutes: 3, modeMinutes: 11, toMinutes: 15 } as const;
const TAIL_FROM_MINUTES = 60;
// A tail that ends within minutes of 60 would pile the longest waits onto the threshold.
const MIN_TAIL_SCALE_MINUTES = 5;
const MAX_TAIL_SCALE_MINUTES = 10_000;
// Without a published mean, the tail continues the 45-60 hazard, kept within plausible bounds.
const DEFAULT_TAIL_SCALE_BOUNDS = { min: 10, max: 240 } as const;

export function fitDurationModel(targets: DurationTargets): DurationModel {
  const survival = nestedSurvival(targets);
  const components: DurationComponent[] = [
    { kind: 'triangular', probability: 1 - survival[0].share, ...WITHIN_TARGET },
  ];
  for (let i = 0; i + 1 < survival.length; i += 1) {
    const lower = survival[i];
    const upper = survival[i + 1];
    if (lower === undefined || upper === undefined) continue;
    components.push({
      kind: 'decay',
      probability: lower.share - upper.share,
      fromMinutes: lower.minutes,
      toMinutes: upper.minutes,
      hazardPerMinute: hazardBetween(lower, upper),
    });
  }
  const tailShare = survival[survival.length - 1]?.share ?? 0;
  const lastBand = components[components.length - 1];
  const bodyMean = components.reduce((sum, component) => sum + component.probability * meanOf(component), 0);
  const scale = tailScale(targets.meanMinutes, bodyMean, tailShare, lastBand);
  components.push({
    kind: 'decay',
    probability: tailShare,
    fromMinutes: TAIL_FROM_MINUTES,
    toMinutes: DURATION_CAP_MINUTES,
    hazardPerMinute: 1 / scale,
  });
  const meanMinutes = components.reduce(
    (sum, component) => sum + component.probability * meanOf(component),
    0,
  );
  return { components: components.filter((component) => component.probability > 0), meanMinutes };
}

/** Draws one handover duration in minutes. */
export function sampleDurationMinutes(model: DurationModel, random: Random): number {
  const component = random.weighted(model.components.map((value) => ({ value, weight: value.probability })));
  return component.kind === 'triangular'
    ? triangular(random, component.fromMinutes, component.modeMinutes, component.toMinutes)
    : component.fromMinutes +
        truncatedExponential(random, component.hazardPerMinute, component.toMinutes - component.fromMinutes);
}

interface SurvivalPoint {
  minutes: number;
  share: number;
}

/**
 * The shares over each threshold, forced to be nested (published counts are not always: on some days
 * "over 45" is smaller than "over 60") and within [0, 1].
 */
function nestedSurvival(targets: DurationTargets): [SurvivalPoint, ...SurvivalPoint[]] {
  const clamp = (share: number, max: number): number => Math.min(Math.max(share, 0), max);
  const s15 = clamp(targets.over15, 1);
  const s30 = clamp(targets.over30, s15);
  if (targets.over45 === undefined) {
    return [
      { minutes: 15, share: s15 },
      { minutes: 30, share: s30 },
      { minutes: 60, share: clamp(targets.over60, s30) },
    ];
  }
  const s60 = clamp(targets.over60, s30);
  const s45 = Math.max(clamp(targets.over45, s30), s60);
  return [
    { minutes: 15, share: s15 },
    { minutes: 30, share: s30 },
    { minutes: 45, share: s45 },
    { minutes: 60, share: s60 },
  ];
}

/** Constant hazard that carries the survival share from one threshold to the next. */
function hazardBetween(lower: SurvivalPoint, upper: SurvivalPoint): number {
  const width = upper.minutes - lower.minutes;
  // Nobody survives the band: the component has no mass, any steep hazard will do.
  if (lower.share <= 0 || upper.share <= 0) return 1;
  return -Math.log(upper.share / lower.share) / width;
}

/** Scale (mean of the untruncated exponential) of the tail beyond 60 minutes. */
function tailScale(
  targetMean: number | undefined,
  bodyMean: number,
  tailShare: number,
  lastBand: DurationComponent | undefined,
): number {
  if (targetMean === undefined || tailShare <= 0) {
    const hazard = lastBand?.kind === 'decay' ? lastBand.hazardPerMinute : 0;
    const scale = hazard > 0 ? 1 / hazard : DEFAULT_TAIL_SCALE_BOUNDS.max;
    return Math.min(Math.max(scale, DEFAULT_TAIL_SCALE_BOUNDS.min), DEFAULT_TAIL_SCALE_BOUNDS.max);
  }
  const wantedExcess = (targetMean - bodyMean) / tailShare - TAIL_FROM_MINUTES;
  return scaleForTruncatedMean(wantedExcess, DURATION_CAP_MINUTES - TAIL_FROM_MINUTES);
}

/**
 * The exponential scale whose truncation to [0, width] has the wanted mean; the mean grows with the
 * scale towards width / 2, so bisection (on a log scale) finds it. Unreachable means take the nearest
 * bound: the fit then misses the real mean, by as little as the band shares allow.
 */
function scaleForTruncatedMean(wantedMean: number, width: number): number {
  let low = MIN_TAIL_SCALE_MINUTES;
  let high = MAX_TAIL_SCALE_MINUTES;
  if (truncatedExponentialMean(1 / low, width) >= wantedMean) return low;
  if (truncatedExponentialMean(1 / high, width) <= wantedMean) return high;
  for (let i = 0; i < 60; i += 1) {
    const middle = Math.sqrt(low * high);
    if (truncatedExponentialMean(1 / middle, width) < wantedMean) low = middle;
    else high = middle;
  }
  return Math.sqrt(low * high);
}

function meanOf(component: DurationComponent): number {
  if (component.kind === 'triangular') {
    return (component.fromMinutes + component.modeMinutes + component.toMinutes) / 3;
  }
  const width = component.toMinutes - component.fromMinutes;
  return component.fromMinutes + truncatedExponentialMean(component.hazardPerMinute, width);
}

/** Mean of an exponential with the given hazard, truncated to [0, width]. */
export function truncatedExponentialMean(hazard: number, width: number): number {
  const scaled = hazard * width;
  // Nearly flat: the uniform mean, without dividing by almost zero.
  if (scaled < 1e-6) return width / 2;
  const survival = Math.exp(-scaled);
  return 1 / hazard - (width * survival) / (1 - survival);
}

/** Inverse-CDF draw from an exponential with the given hazard, truncated to [0, width]. */
function truncatedExponential(random: Random, hazard: number, width: number): number {
  const u = random.next();
  if (hazard * width < 1e-6) return u * width;
  return -Math.log(1 - u * (1 - Math.exp(-hazard * width))) / hazard;
}

/** Inverse-CDF draw from a triangular distribution on [low, high] with the given mode. */
function triangular(random: Random, low: number, mode: number, high: number): number {
  const u = random.next();
  const split = (mode - low) / (high - low);
  return u < split
    ? low + Math.sqrt(u * (high - low) * (mode - low))
    : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

/**
 * A seeded pseudo-random generator (sfc32, 128-bit state) and the draws the simulator needs. The same
 * seed always gives the same sequence, on every platform: no Math.random anywhere in the simulator.
 * sfc32 rather than a 32-bit-state generator because event and handover UUIDs come from it: 122 random
 * bits drawn from a 2^32-state stream would collide across a few hundred site streams.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Box-Muller makes normals in pairs; the second waits here for the next call. */
  private spareNormal: number | undefined;

  /** A generator seeded from any number or text (hashed, so nearby seeds give unrelated streams). */
  constructor(seed: number | string) {
    const [a, b, c, d] = hash128(String(seed));
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // The first outputs of sfc32 still echo the seed; discard them.
    for (let i = 0; i < 15; i += 1) this.uint32();
  }

  /** An independent stream named by `label`: forks with different labels do not overlap. */
  fork(label: string): Random {
    return new Random(`${this.uint32()}:${this.uint32()}:${label}`);
  }

  /** A whole number in [0, 2^32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** A number in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A whole number in [min, max], both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item, each equally likely. Throws on an empty list: there is nothing sensible to return. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('Cannot pick from an empty list');
    return item;
  }

  /** One value, with probability proportional to its weight. */
  weighted<T>(choices: readonly Weighted<T>[]): T {
    const total = choices.reduce((sum, choice) => sum + choice.weight, 0);
    if (!(total > 0)) throw new RangeError('Weighted pick needs a positive total weight');
    let remaining = this.next() * total;
    for (const choice of choices) {
      remaining -= choice.weight;
      if (remaining < 0) return choice.value;
    }
    // Rounding can leave a sliver past the last choice; it belongs to the last positive weight.
    const last = choices.findLast((choice) => choice.weight > 0);
    if (last === undefined) throw new RangeError('Weighted pick needs a positive total weight');
    return last.value;
  }

  /** Normal (Gaussian) draw by the Box-Muller transform. */
  normal(mean = 0, standardDeviation = 1): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return mean + standardDeviation * spare;
    }
    // 1 - next() is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return mean + standardDeviation * radius * Math.cos(angle);
  }

  /** Log-normal draw: exp of a normal with the given mu and sigma (of the logarithm). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Exponential draw with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /**
   * Poisson draw. Knuth's product method for small means; larger means are split into chunks and
   * summed (Poisson counts add), which stays exact where a normal approximation would not.
   */
  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean))
      throw new RangeError(`Poisson mean must be >= 0, got ${mean}`);
    let count = 0;
    let remaining = mean;
    while (remaining > 0) {
      const chunk = Math.min(remaining, POISSON_CHUNK);
      count += this.smallPoisson(chunk);
      remaining -= chunk;
    }
    return count;
  }

  private smallPoisson(mean: number): number {
    const limit = Math.exp(-mean);
    let product = this.next();
    let count = 0;
    while (product > limit) {
      product *= this.next();
      count += 1;
    }
    return count;
  }
}

export interface Weighted<T> {
  value: T;
  weight: number;
}

// exp(-30) is still far from the smallest double, so the product method cannot underflow.
const POISSON_CHUNK = 30;

/** cyrb128: a fast, well-mixed 128-bit string hash, used only to seed the generator. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** An RFC 4122 version-4 UUID whose random bits come from `random` (so it is reproducible). */
export function uuidV4(random: Random): string {
  const hex = [random.uint32(), random.uint32(), random.uint32(), random.uint32()]
    .map((word) => word.toString(16).padStart(8, '0'))
    .join('');
  // Version nibble 4; variant bits 10xx.
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// Named random streams: one seedrandom generator per source of randomness, seeded `<seed>/<name>`,
// so changing one source never shifts another (common random numbers). Must not import sim/model.

import seedrandom from 'seedrandom';

/** A uniform draw in (0, 1) with 53 bits of precision. */
export type Rng = () => number;

/**
 * The seed of replication `r` (1-based) of a run seeded `seed`: `<seed>/rep-<r>`.
 * @example replicationSeed('42', 3) // '42/rep-3'
 */
export function replicationSeed(seed: string, r: number): string {
  return `${seed}/rep-${r}`;
}

/**
 * A named stream: an xor4096 generator (Brent's xorgens, period 2^4096−1) seeded `<seed>/<name>`,
 * returning 53-bit doubles in (0, 1).
 * @example const arrivals = stream('42/rep-1', 'arrivals:presales'); arrivals();
 */
export function stream(seed: string, name: string): Rng {
  const prng = seedrandom.xor4096(`${seed}/${name}`);
  return prng.double;
}

/** Creates streams on first use and hands the same one back for the same name. */
export class RandomStreams {
  private readonly streams = new Map<string, Rng>();
  constructor(readonly seed: string) {}

  /** The stream `<seed>/<name>`. */
  get(name: string): Rng {
    let s = this.streams.get(name);
    if (s === undefined) {
      s = stream(this.seed, name);
      this.streams.set(name, s);
    }
    return s;
  }
}

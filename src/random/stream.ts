/**
 * Seeded random streams, one per (seed, purpose, scenario, year, block of persons).
 *
 * seedrandom (ARC4) turns the key into the state of a xoshiro128** generator, which then
 * produces the numbers: ARC4 is a fine key-to-state mixer but draws only ~20 M/s, while
 * xoshiro128** in 32-bit integer arithmetic (Math.imul) draws well over 100 M/s, which the
 * hot loops need. Because each block of persons has its own stream, a run gives the same
 * numbers however its blocks are spread over worker threads, and two scheme variants run
 * with the same seed see the same synthetic people (common random numbers).
 */
import seedrandom from 'seedrandom';

/** Persons per block: the unit of randomness and of work sharing between threads. */
export const BLOCK_SIZE = 65536;

export interface StreamKey {
  seed: number | string;
  /** what the numbers are for ('population', 'claims', 'scenario' …): distinct streams */
  purpose: string;
  scenario?: number;
  year?: number;
  block?: number;
}

export interface StreamState {
  key: StreamKey;
  s: [number, number, number, number];
}

export class Stream {
  readonly key: StreamKey;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(key: StreamKey, state?: [number, number, number, number]) {
    this.key = key;
    let s = state;
    if (!s) {
      const mixer = seedrandom(keyString(key));
      s = [mixer.int32(), mixer.int32(), mixer.int32(), mixer.int32()];
      if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point
    }
    [this.s0, this.s1, this.s2, this.s3] = s;
  }

  /** A uniform number in [0, 1), 32 bits of resolution. */
  next(): number {
    return this.nextUint32() * 2.3283064365386963e-10; // 2^-32
  }

  /** A uniform number in (0, 1): safe to take the logarithm of. */
  nextOpen(): number {
    return (this.nextUint32() + 0.5) * 2.3283064365386963e-10;
  }

  /** xoshiro128** (Blackman and Vigna): one 32-bit output. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = rotl(n3, 11);
    return r >>> 0;
  }

  /**
   * The next `n` 32-bit outputs into `out` — the very numbers `n` calls of nextUint32 would
   * give — several times faster: the state stays in local variables for the whole batch
   * instead of going back to the object after each number.
   */
  fillUint32(out: Uint32Array, n = out.length): Uint32Array {
    if (n > out.length)
      throw new RangeError(`fillUint32: ${n} numbers asked, room for ${out.length}`);
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < n; i++) {
      out[i] = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return out;
  }

  /** The state, to replay the stream from here. */
  state(): StreamState {
    return {
      key: this.key,
      s: [this.s0, this.s1, this.s2, this.s3],
    };
  }

  toJSON(): StreamState {
    return this.state();
  }

  static fromState(state: StreamState): Stream {
    return new Stream(state.key, state.s);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function keyString(key: StreamKey): string {
  return `yibao|${key.seed}|${key.purpose}|${key.scenario ?? 0}|${key.year ?? 0}|${key.block ?? 0}`;
}

/** The stream of one block (or one scenario-level draw when `block` is omitted). */
export function createStream(
  seed: number | string,
  purpose: string,
  scenario = 0,
  year = 0,
  block = 0,
): Stream {
  return new Stream({ seed, purpose, scenario, year, block });
}

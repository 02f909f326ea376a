// Working memory for one scoring run.
//
// A run needs about sixty typed arrays (per-step codes, adjacency, graph walks, loop detection,
// repeated assessments, journey figures): some 150 bytes per step and 50 per transition. Made
// with `new Uint8Array(n)` each time, every array is a separate allocation outside the
// JavaScript heap, zeroed, written for the first time while cold in the CPU's caches, and freed
// only by a later garbage collection. On a 2,000-step pathway that churn costs more per byte than
// on a 500-step one, so it made scoring grow faster than the pathway.
//
// An Arena hands out zeroed views into one buffer instead, and scorePathway reuses the same
// arena from one run to the next (see takeArena), so the memory stays allocated and warm.
// The views are only valid until the arena is released: nothing that outlives the run (a
// result, a finding) may hold one.

const ALIGN = 8;

export class Arena {
  private buffer: ArrayBuffer;
  private used = 0;
  /** Bytes asked for since the last reset, so the next run can start with one buffer big enough. */
  private wanted = 0;

  constructor(bytes = 64 * 1024) {
    this.buffer = new ArrayBuffer(roundUp(bytes));
  }

  /** Bytes the next run can use without allocating. */
  get capacity(): number {
    return Math.max(this.buffer.byteLength, this.wanted);
  }

  /** Forget every view handed out (they must no longer be used), keeping the memory. */
  reset(): void {
    if (this.wanted > this.buffer.byteLength) this.buffer = new ArrayBuffer(roundUp(this.wanted + this.wanted / 4));
    this.used = 0;
    this.wanted = 0;
  }

  u8(length: number): Uint8Array {
    const at = this.take(length);
    return new Uint8Array(this.buffer, at, length).fill(0);
  }

  u16(length: number): Uint16Array {
    const at = this.take(length * 2);
    return new Uint16Array(this.buffer, at, length).fill(0);
  }

  u32(length: number): Uint32Array {
    const at = this.take(length * 4);
    return new Uint32Array(this.buffer, at, length).fill(0);
  }

  i32(length: number): Int32Array {
    const at = this.take(length * 4);
    return new Int32Array(this.buffer, at, length).fill(0);
  }

  f64(length: number): Float64Array {
    const at = this.take(length * 8);
    return new Float64Array(this.buffer, at, length).fill(0);
  }

  /**
   * Views that are not cleared: they may hold values from an earlier run. Only for arrays whose
   * every value is written before it is read (clearing a large one costs more than using it).
   */
  u8Scratch(length: number): Uint8Array {
    const at = this.take(length);
    return new Uint8Array(this.buffer, at, length);
  }

  u16Scratch(length: number): Uint16Array {
    const at = this.take(length * 2);
    return new Uint16Array(this.buffer, at, length);
  }

  i32Scratch(length: number): Int32Array {
    const at = this.take(length * 4);
    return new Int32Array(this.buffer, at, length);
  }

  /** A copy of the first `length` values of an Int32Array. */
  copyI32(source: Int32Array, length: number): Int32Array {
    const out = this.i32(length);
    out.set(source.subarray(0, length));
    return out;
  }

  /**
   * Reserve `bytes` (rounded up to 8) and return where they start in this.buffer. When the
   * buffer is full, a new one is started for the rest of this run (views already handed out keep
   * the old one alive), and reset() makes the next run's buffer big enough for everything.
   */
  private take(bytes: number): number {
    const size = roundUp(bytes);
    this.wanted += size;
    if (this.used + size > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(this.buffer.byteLength, size));
      this.used = 0;
    }
    const at = this.used;
    this.used += size;
    return at;
  }
}

function roundUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

let spare: Arena | undefined;

/**
 * The arena for a scoring run: the one the last run gave back, or a new one when another run is
 * still using it (a nested call). Give it back with releaseArena when the run is over.
 */
export function takeArena(): Arena {
  const arena = spare ?? new Arena();
  spare = undefined;
  arena.reset();
  return arena;
}

/** The most memory kept between runs (enough for about 20,000 steps); a bigger arena is let go. */
const MAX_KEPT_BYTES = 8 * 1024 * 1024;

export function releaseArena(arena: Arena): void {
  spare = arena.capacity <= MAX_KEPT_BYTES ? arena : undefined;
}

/**
 * The bootstrap's WebAssembly kernel (wasm/bootstrapKernel.ts, compiled into wasmBytes.ts):
 * one instance per bootstrap plan, its memory laid out here once, and typed-array views of
 * it that the plan's JavaScript uses in place of its own arrays (the packed cases, the pass's
 * curve and steps, the operating points' indices), so that both kernels read the same data.
 *
 * Why: a one-shot run evaluates one bootstrap, and V8 runs JavaScript interpreted until
 * TurboFan has compiled each hot loop, so the first bootstrap in a process cost several
 * times a warm one; WebAssembly runs compiled from its first call (Liftoff). Where
 * WebAssembly cannot run (`node --jitless`, a failed compile, memory beyond MAXIMUM_BYTES)
 * the plan has no kernel and the JavaScript kernel runs, with the same results.
 */
import { instantiate, lazyModule } from '../../wasm/module.js';
import { BOOTSTRAP_KERNEL_WASM } from './wasmBytes.js';

/** The kernel's exports (addresses are byte offsets into `memory`). */
export interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  mtSeed(state: number, block: number, key0: number, key1: number): void;
  fillIndices(out: number, count: number, size: number): void;
  resample(
    weights: number,
    n: number,
    stratified: number,
    positives: number,
    positiveCount: number,
    negatives: number,
    negativeCount: number,
    all: number,
  ): void;
  rocPass(
    packedCases: number,
    n: number,
    weights: number,
    truePositives: number,
    falsePositives: number,
    steps: number,
    groups: number,
    negativeSteps: number,
    result: number,
  ): void;
  writeStatistics(
    truePositives: number,
    falsePositives: number,
    groups: number,
    result: number,
    pointIndices: number,
    points: number,
    pointBase: number,
    gridIndices: number,
    gridCount: number,
    gridBase: number,
    odds: number,
    out: number,
    stride: number,
  ): void;
  writePartialAucs(
    truePositives: number,
    falsePositives: number,
    groups: number,
    steps: number,
    result: number,
    ranges: number,
    count: number,
    out: number,
    stride: number,
  ): void;
  evaluateModels(plan: number, row: number): void;
  summarise(
    series: number,
    minus: number,
    hasMinus: number,
    total: number,
    level: number,
    scratch: number,
    sample: number,
    lowerTail: number,
    upperTail: number,
    out: number,
  ): void;
}

/** Fields of the pass's result record (see the kernel's rocPass). */
export const RESULT_FIELDS = 7;

/** Most memory a kernel instance takes; a larger bootstrap runs the JavaScript kernel. */
const MAXIMUM_BYTES = 2 ** 31;
const PAGE_BYTES = 65536;

let enabled = true;

/** Turns the WebAssembly kernel off (or back on) for bootstraps planned afterwards, in this thread (tests). */
export function useWasmKernel(on: boolean): void {
  enabled = on;
}

/** The compiled module, once per thread; null where WebAssembly is unavailable. */
const kernelModule = lazyModule(BOOTSTRAP_KERNEL_WASM);

/**
 * A kernel instance and the layout of its memory: `take` hands out aligned addresses while
 * the layout is being planned, `open` then sizes the memory once (so that views taken after
 * it stay valid: growing memory would detach them).
 */
export class KernelMemory {
  private next: number;
  f64 = new Float64Array(0);
  i32 = new Int32Array(0);

  private constructor(readonly exports: KernelExports) {
    this.next = exports.heapBase();
  }

  /** A new instance, or null where WebAssembly is unavailable or turned off. */
  static create(): KernelMemory | null {
    const exports = enabled ? instantiate(kernelModule()) : null;
    return exports ? new KernelMemory(exports as KernelExports) : null;
  }

  /** The address of `bytes` bytes, 16-aligned. */
  take(bytes: number): number {
    const at = Math.ceil(this.next / 16) * 16;
    this.next = at + bytes;
    return at;
  }

  /** Grows the memory to hold everything taken; false when it would exceed MAXIMUM_BYTES or cannot grow. */
  open(): boolean {
    const memory = this.exports.memory;
    if (this.next > MAXIMUM_BYTES) return false;
    const missing = Math.ceil(this.next / PAGE_BYTES) - memory.buffer.byteLength / PAGE_BYTES;
    try {
      if (missing > 0) memory.grow(missing);
    } catch {
      return false;
    }
    this.f64 = new Float64Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    return true;
  }

  doubles(at: number, length: number): Float64Array {
    return this.f64.subarray(at / 8, at / 8 + length);
  }

  ints(at: number, length: number): Int32Array {
    return this.i32.subarray(at / 4, at / 4 + length);
  }

  words(at: number, length: number): Uint32Array {
    return new Uint32Array(this.exports.memory.buffer, at, length);
  }
}

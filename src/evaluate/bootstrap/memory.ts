/**
 * The memory of bootstrap outputs, kept from one bootstrap for the next.
 */
import type { BootstrapDistribution } from './input.js';

/**
 * Memory of finished bootstraps, kept for the next (see `releaseBootstrap`): a fresh
 * allocation of the megabytes a bootstrap fills costs a page fault per 4 KiB, which on some
 * virtual machines takes longer than computing the values written there. Blocks overwrite
 * every value, so reused memory needs no clearing.
 */
const spareMemory: { shared: SharedArrayBuffer[]; local: ArrayBuffer[] } = { shared: [], local: [] };

/** Most bytes kept in `spareMemory`. */
const MAXIMUM_SPARE_BYTES = 256 * 2 ** 20;

/** 2 MB: the huge page of x86-64 and arm64 Linux. */
const HUGE_PAGE_BYTES = 2 * 2 ** 20;

/**
 * Where the series begin in their buffer: from a megabyte of series on, a huge page in, with a
 * huge page of slack after them too. Under glibc's `glibc.malloc.hugetlb=1` (which the bin
 * sets) malloc marks its large mappings for transparent huge pages, and the kernel backs with
 * one only an aligned 2 MB range that lies wholly inside the mapping; with the slack on both
 * sides every such range the series touch does, wherever the mapping starts, so their first
 * touch takes a fault per 2 MB instead of one per 4 KB (≈ 10 µs each on the development VM:
 * touching the example's 3.9 MB, 13 ms without, 4–6 ms with the slack after only, < 1 ms with
 * both, measured). Untouched, the slack costs address space only.
 */
function leadingSlack(bytes: number): number {
  return bytes >= 2 ** 20 ? HUGE_PAGE_BYTES : 0;
}

/**
 * `count` arrays of `size` doubles, in shared memory when threads write them: views of one
 * buffer, so that its mapping is large enough for huge pages (see `leadingSlack`).
 */
export function doubles(count: number, size: number, shared: boolean): Float64Array[] {
  const bytes = size * Float64Array.BYTES_PER_ELEMENT;
  const slack = leadingSlack(count * bytes);
  const needed = slack + count * bytes;
  const spare: ArrayBufferLike[] = shared ? spareMemory.shared : spareMemory.local;
  // the smallest spare buffer that is large enough
  let best = -1;
  for (let k = 0; k < spare.length; k++) {
    const length = (spare[k] as ArrayBufferLike).byteLength;
    if (length >= needed && (best < 0 || length < (spare[best] as ArrayBufferLike).byteLength)) best = k;
  }
  const buffer =
    best >= 0
      ? (spare.splice(best, 1)[0] as ArrayBufferLike)
      : shared
        ? new SharedArrayBuffer(needed + slack)
        : new ArrayBuffer(needed + slack);
  return Array.from({ length: count }, (_, k) => new Float64Array(buffer, slack + k * bytes, size));
}

/**
 * Hands the memory of a distribution that is no longer needed to the next bootstrap; the
 * distribution must not be read afterwards. Memory that another thread might still write
 * (a run that lost a worker) is not kept.
 */
export function releaseBootstrap(distribution: BootstrapDistribution): void {
  if (!distribution.reusable) return;
  const arrays = [...distribution.values, ...(distribution.jackknife ?? [])];
  if (distribution.summaries) arrays.push(distribution.summaries);
  for (const array of arrays) {
    const buffer = array.buffer;
    const spare: ArrayBufferLike[] =
      buffer instanceof SharedArrayBuffer ? spareMemory.shared : spareMemory.local;
    if (!spare.includes(buffer)) spare.push(buffer);
  }
  // keep the most recent buffers up to the limit
  for (const spare of [spareMemory.shared, spareMemory.local] as ArrayBufferLike[][]) {
    let total = 0;
    for (let k = spare.length - 1; k >= 0; k--) {
      total += (spare[k] as ArrayBufferLike).byteLength;
      if (total > MAXIMUM_SPARE_BYTES) spare.splice(k, 1);
    }
  }
  distribution.reusable = false;
}

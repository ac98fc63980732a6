/**
 * The bootstrap: B resamples of the cases (stratified by outcome by default, or of whole
 * clusters), each evaluated for every model on the same resample, so that differences
 * between models are paired. Each model's scores are sorted once; a replicate is one fused
 * pass with multiplicity weights (weightedRocPass.ts), never a re-sort. The replicate values
 * are stored statistic by statistic, so that each series to summarise is contiguous.
 *
 * The replicates come in blocks of REPLICATES_PER_BLOCK (100), each drawn from its own
 * stream: 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura 1998) seeded by
 * init_by_array([seed, block]), the stream of NumPy's `RandomState([seed, block])`. Blocks
 * are independent, so they can be evaluated by any number of threads (bootstrapThreads.ts)
 * with the same result. The cases arrive in canonical order (see canonicalOrder.ts), so the
 * resamples do not depend on the order of rows in the input file either.
 */
export * from './bootstrap/input.js';
export * from './bootstrap/layout.js';
export * from './bootstrap/plan.js';
export * from './bootstrap/kernel.js';
export * from './bootstrap/summaries.js';
export * from './bootstrap/memory.js';
export * from './bootstrap/blocks.js';
export { resampler } from '../statistics/resampling/resampler.js';

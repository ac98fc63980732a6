/**
 * The bootstrap's resampling, one block of replicates at a time from the block's own
 * stream: 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura 1998) seeded by
 * init_by_array([seed, block]), the stream of NumPy's `RandomState([seed, block])`.
 *
 * @example
 * const next = resampler(labels, null, true, 1, 0); // stratified, seed 1, block 0
 * next(); // the multiplicity of each case in the block's first replicate
 */
import { MersenneTwister } from './mersenneTwister.js';

/** The cases of each cluster, clusters in order of their first case. */
export function clusterMembers(clusters: Int32Array, order: readonly number[]): number[][] {
  const byCluster = new Map<number, number[]>();
  for (const i of order) {
    const c = clusters[i] as number;
    let list = byCluster.get(c);
    if (!list) byCluster.set(c, (list = []));
    list.push(i);
  }
  return [...byCluster.values()];
}

/**
 * The bootstrap's resampling of block `block`: each call returns the multiplicity weights of
 * the block's next replicate (the same array, refilled). Stratified: as many draws with
 * replacement from the positives as there are positives, and likewise for the negatives;
 * clustered: whole clusters drawn with replacement (stratification then not applied);
 * otherwise n draws from all cases. Cases are taken in the order given, which evaluate makes
 * canonical.
 */
export function resampler(
  labels: Uint8Array,
  clusters: Int32Array | null,
  stratified: boolean,
  seed: number,
  block = 0,
): () => Int32Array {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const random = MersenneTwister.fromKey([seed, block]);
  const weights = new Int32Array(n);
  const positives = Int32Array.from(order.filter((i) => labels[i] === 1));
  const negatives = Int32Array.from(order.filter((i) => labels[i] !== 1));
  const all = Int32Array.from(order);
  const members = clusters ? clusterMembers(clusters, order) : null;
  /** Drawn clusters, a resample's worth at a time (`fillIndices`: no call per draw). */
  const drawn = new Int32Array(members ? members.length : 0);
  return () => {
    weights.fill(0);
    if (members) {
      random.fillIndices(drawn, members.length, members.length);
      for (let k = 0; k < members.length; k++) {
        const cluster = members[drawn[k] as number] as number[];
        for (const i of cluster) weights[i] = (weights[i] as number) + 1;
      }
    } else if (stratified) {
      random.tallyDraws(positives, weights);
      random.tallyDraws(negatives, weights);
    } else {
      random.tallyDraws(all, weights);
    }
    return weights;
  };
}

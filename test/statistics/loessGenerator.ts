/**
 * The deterministic data generator of test/reference/loess_interpolate.R, bit for bit:
 * state ← (69069·state + 1) mod 2³² (exact in doubles), two draws a, b per case;
 * continuous p = u², u = (a + ½)/2³²; ties p = (a mod 101)/100; coarse p = (a mod 11)/10;
 * y = 1 when b/2³² < 0.8·p + 0.05. Large reference sets are generated, not committed.
 */
export type GeneratorKind = 'continuous' | 'ties' | 'coarse';

const MODULUS = 4294967296;

export function generateCalibrationData(
  kind: GeneratorKind,
  n: number,
  seed: number,
): { p: Float64Array; y: Uint8Array } {
  let state = seed;
  const p = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    state = (69069 * state + 1) % MODULUS;
    const a = state;
    state = (69069 * state + 1) % MODULUS;
    const b = state;
    let value: number;
    if (kind === 'continuous') {
      const u = (a + 0.5) / MODULUS;
      value = u * u;
    } else if (kind === 'ties') value = (a % 101) / 100;
    else value = (a % 11) / 10;
    p[i] = value;
    y[i] = b / MODULUS < 0.8 * value + 0.05 ? 1 : 0;
  }
  return { p, y };
}

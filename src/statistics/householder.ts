/**
 * One Householder QR step (Golub & Van Loan, Matrix Computations, §5.1–5.2), shared by the
 * logistic fit's least squares and loess's local fits: reflects column j of `columns` onto
 * ±‖column[j..m)‖·e_j and applies the same reflection to the later columns and to `rhs`.
 */

/** The norm of column[j..m). */
export function trailingNorm(column: Float64Array, j: number): number {
  let sum = 0;
  for (let i = j; i < column.length; i++) sum += (column[i] as number) ** 2;
  return Math.sqrt(sum);
}

/**
 * Triangularises column j (given its trailing norm > 0) and fills row j of `r`; `columns`
 * and `rhs` are overwritten with the reflected values.
 */
export function householderStep(
  columns: Float64Array[],
  rhs: Float64Array,
  j: number,
  norm: number,
  r: number[][],
): void {
  const m = rhs.length;
  const column = columns[j] as Float64Array;
  const head = column[j] as number;
  const alpha = head > 0 ? -norm : norm;
  // v = column[j..m) − alpha·e₁, stored in place; vᵀv = 2·norm·(norm + |head|)
  column[j] = head - alpha;
  const vv = 2 * norm * (norm + Math.abs(head));
  const reflect = (target: Float64Array): void => {
    let dot = 0;
    for (let i = j; i < m; i++) dot += (column[i] as number) * (target[i] as number);
    const scale = (2 * dot) / vv;
    for (let i = j; i < m; i++) target[i] = (target[i] as number) - scale * (column[i] as number);
  };
  for (let l = j + 1; l < columns.length; l++) reflect(columns[l] as Float64Array);
  reflect(rhs);
  const row = r[j] as number[];
  row[j] = alpha;
  for (let l = j + 1; l < columns.length; l++) row[l] = (columns[l] as Float64Array)[j] as number;
}

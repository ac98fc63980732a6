/**
 * Input errors: one line that names the file, the line/column or key path at fault, what
 * was expected and, where it helps, what to do. The CLI prints `message` and exits non-zero.
 */
export interface InputErrorLocation {
  file: string;
  line?: number;
  column?: number;
  keyPath?: string;
}

export class InputError extends Error {
  readonly location: InputErrorLocation;
  readonly detail: string;

  constructor(location: InputErrorLocation, detail: string) {
    const where = [location.file, location.line, location.column]
      .filter((part) => part !== undefined)
      .join(':');
    const key = location.keyPath ? ` ${location.keyPath}:` : '';
    super(`${where}:${key} ${detail}`);
    this.name = 'InputError';
    this.location = location;
    this.detail = detail;
  }
}

/** Levenshtein distance, for "did you mean …?" suggestions. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}

/** The candidate closest to `word`, if it is close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

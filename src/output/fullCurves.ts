/**
 * `--full-curves`: every ROC and precision–recall point at full resolution, as CSV
 * (results.json holds a thinned curve past 10,000 points; see evaluate/boundedCurves.ts):
 * `curves/<model id>-roc.csv` (threshold, sensitivity, specificity; ascending threshold) and
 * `curves/<model id>-precision-recall.csv` (threshold, recall, precision; descending), the
 * same points and order as results.json's `roc` and `precisionRecall` when those are complete.
 * Numbers are written as JavaScript prints them (shortest text that reads back exactly).
 * Streams line blocks, so a 10⁷-point curve needs no 10⁷-element array of strings.
 */
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import type { Study } from '../load/loadStudy.js';
import { sortScores, weightedRocCurve, type RocCurve } from '../statistics/rocCurve.js';

const BLOCK = 1 << 16;

function writeLines(file: string, header: string, count: number, line: (k: number) => string): void {
  const fd = openSync(file, 'w');
  try {
    let text = `${header}\n`;
    for (let k = 0; k < count; k++) {
      text += `${line(k)}\n`;
      if (text.length > BLOCK) {
        writeSync(fd, text);
        text = '';
      }
    }
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function writeCurve(dir: string, id: string, curve: RocCurve): string[] {
  const { thresholds, truePositives: tp, falsePositives: fp, positives, negatives } = curve;
  const count = thresholds.length;
  const roc = `curves/${id}-roc.csv`;
  writeLines(path.join(dir, roc), 'threshold,sensitivity,specificity', count, (k) =>
    [thresholds[k], (tp[k] as number) / positives, 1 - (fp[k] as number) / negatives].join(','),
  );
  if (positives === 0) return [roc];
  const pr = `curves/${id}-precision-recall.csv`;
  writeLines(path.join(dir, pr), 'threshold,recall,precision', count, (j) => {
    const k = count - 1 - j;
    const t = tp[k] as number;
    return [thresholds[k], t / positives, t / (t + (fp[k] as number))].join(',');
  });
  return [roc, pr];
}

/** Writes the full curves of every model into `dir`/curves; returns the files written. */
export function writeFullCurves(dir: string, study: Study): string[] {
  mkdirSync(path.join(dir, 'curves'), { recursive: true });
  return study.models.flatMap((model, m) =>
    writeCurve(
      dir,
      model.id,
      weightedRocCurve(sortScores(study.data.scores[m] as Float64Array), study.data.labels),
    ),
  );
}

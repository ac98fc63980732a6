/**
 * YOLO detections as input. YOLOv5/v8 with `--save-txt --save-conf` write one text file per
 * image, named after the image, with one box per line: `class cx cy w h conf`. An image's
 * score is an aggregate of its boxes' confidences: the maximum (default), noisy-or
 * 1 − Π(1 − conf), or the mean of the top k; an optional class filter keeps only some
 * classes. An image with no file or no (kept) boxes scores 0.
 */
import {
  existsSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';

export type YoloAggregate = 'max' | 'noisy-or' | 'top-k-mean';

export interface YoloOptions {
  aggregate: YoloAggregate;
  topK: number;
  /** Classes to keep (all when empty). */
  classes: readonly number[];
}

export interface YoloBox {
  classId: number;
  confidence: number;
}

/** Parses one detection file; every malformed line is an error naming file and line. */
export function parseYoloFile(text: string, file: string): YoloBox[] {
  const boxes: YoloBox[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const fields = line.split(/\s+/);
    const where = { file, line: index + 1 };
    if (fields.length !== 6) {
      throw new InputError(
        where,
        fields.length === 5
          ? 'box has no confidence: run YOLO with --save-conf (expected "class cx cy w h conf")'
          : `expected 6 fields "class cx cy w h conf", found ${fields.length}`,
      );
    }
    const numbers = fields.map(Number);
    if (numbers.some((v) => !Number.isFinite(v))) {
      throw new InputError(where, `not a number in "${line}" (expected "class cx cy w h conf")`);
    }
    const classId = numbers[0] as number;
    const confidence = numbers[5] as number;
    if (!Number.isInteger(classId) || classId < 0) {
      throw new InputError(where, `class "${fields[0]}" is not a non-negative integer`);
    }
    if (confidence < 0 || confidence > 1) {
      throw new InputError(where, `confidence ${fields[5]} is outside [0, 1]`);
    }
    boxes.push({ classId, confidence });
  });
  return boxes;
}

/** One image-level score from its boxes. */
export function aggregateBoxes(boxes: readonly YoloBox[], options: YoloOptions): number {
  const kept = boxes
    .filter((b) => options.classes.length === 0 || options.classes.includes(b.classId))
    .map((b) => b.confidence);
  if (kept.length === 0) return 0;
  switch (options.aggregate) {
    case 'max': {
      // a loop, not Math.max(...kept): a spread of 200,000 boxes overflows the call stack
      let largest = 0;
      for (const c of kept) if (c > largest) largest = c;
      return largest;
    }
    case 'noisy-or':
      return 1 - kept.reduce((product, c) => product * (1 - c), 1);
    case 'top-k-mean': {
      const top = kept.sort((a, b) => b - a).slice(0, options.topK);
      return top.reduce((s, c) => s + c, 0) / top.length;
    }
  }
}

/**
 * Scores of the images `ids` from one model's folder of detection files (`<id>.txt`; an id
 * given with an image extension is matched by its stem).
 */
export function readYoloScores(folder: string, ids: readonly string[], options: YoloOptions): Float64Array {
  if (!existsSync(folder)) throw new InputError({ file: folder }, 'detection folder not found');
  const available = new Set(readdirSync(folder).filter((f) => f.endsWith('.txt')));
  return Float64Array.from(ids, (id) => {
    const stem = path.parse(id).ext.match(/^\.(png|jpe?g|bmp|tiff?|dcm|webp)$/i) ? path.parse(id).name : id;
    const name = `${stem}.txt`;
    if (!available.has(name)) return 0;
    const file = path.join(folder, name);
    return aggregateBoxes(parseYoloFile(readFileSync(file, 'utf8'), file), options);
  });
}

/**
 * The imported CSV's header: the labels' columns, then one per model. Refuses a model name
 * that is already a column (a second import onto its own output) or given twice, rather than
 * writing a header with two columns of one name.
 */
export function yoloImportHeader(
  labelsFile: string,
  labelsHeader: readonly string[],
  models: readonly { name: string }[],
): string[] {
  const seen = new Set(labelsHeader);
  for (const { name } of models) {
    if (seen.has(name)) {
      const where = labelsHeader.includes(name)
        ? `${labelsFile} already has a column "${name}"`
        : 'given twice';
      throw new InputError(
        { file: labelsFile, line: 1 },
        `--model ${name}: ${where}; choose another model name`,
      );
    }
    seen.add(name);
  }
  return [...labelsHeader, ...models.map((m) => m.name)];
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/** Refuses an output path that is one of the inputs (it would be overwritten before being read again). */
export function refuseOverwritingInputs(out: string, inputs: readonly string[]): void {
  const input = inputs.find((i) => samePath(out, i));
  if (input !== undefined) {
    throw new InputError({ file: out }, `--out is the input ${input}: write to another file`);
  }
}

/** Writes `text` to a temporary file beside `file` and renames it into place: never half a file. */
export function writeFileReplacing(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.dxreport-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

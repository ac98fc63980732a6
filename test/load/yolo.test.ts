// YOLO detection files → image-level scores (test/fixtures/yolo: two models, six images,
// one image without a file, one file without boxes, a class-1 box).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy } from '../../src/index.js';
import { InputError } from '../../src/load/errors.js';
import { aggregateBoxes, parseYoloFile, readYoloScores } from '../../src/load/yolo.js';

const FIXTURE = 'test/fixtures/yolo';
const IDS = ['knee001.png', 'knee002.png', 'knee003.png', 'knee004.png', 'knee005.png', 'knee006.png'];

describe('YOLO detections', () => {
  it('scores images by their most confident box; no file or no box scores 0', () => {
    const scores = readYoloScores(path.join(FIXTURE, 'tl'), IDS, { aggregate: 'max', topK: 3, classes: [] });
    expect(Array.from(scores)).toEqual([0.91, 0.75, 0.3, 0, 0.55, 0]);
  });

  it('aggregates by noisy-or and top-k mean, with a class filter', () => {
    const boxes = [
      { classId: 0, confidence: 0.5 },
      { classId: 0, confidence: 0.2 },
      { classId: 1, confidence: 0.9 },
    ];
    expect(aggregateBoxes(boxes, { aggregate: 'noisy-or', topK: 3, classes: [0] })).toBeCloseTo(
      1 - 0.5 * 0.8,
      15,
    );
    expect(aggregateBoxes(boxes, { aggregate: 'top-k-mean', topK: 2, classes: [] })).toBeCloseTo(
      (0.9 + 0.5) / 2,
      15,
    );
    expect(aggregateBoxes(boxes, { aggregate: 'max', topK: 1, classes: [2] })).toBe(0);
  });

  it('names file and line of a malformed box', () => {
    expect(() => parseYoloFile('0 0.5 0.5 0.1 0.1 0.9\n0 0.5 0.5 0.1 0.1\n', 'tl/x.txt')).toThrow(
      new InputError(
        { file: 'tl/x.txt', line: 2 },
        'box has no confidence: run YOLO with --save-conf (expected "class cx cy w h conf")',
      ),
    );
    expect(() => parseYoloFile('0 0.5 0.5 0.1 0.1 1.7\n', 'y.txt')).toThrow(
      /y\.txt:1: confidence 1\.7 is outside \[0, 1\]/,
    );
    expect(() => parseYoloFile('a 0.5 0.5 0.1 0.1 0.2\n', 'z.txt')).toThrow(/z\.txt:1: not a number/);
  });

  it('is a data source of the study file', () => {
    const results = evaluate(loadStudy(path.join(FIXTURE, 'study.yaml')));
    expect(results.sample).toMatchObject({ n: 6, positives: 3, negatives: 3 });
    expect(results.models[0]?.operatingPoints[0]?.counts).toEqual({ tp: 3, fp: 0, tn: 3, fn: 0 });
    expect(results.models[1]?.operatingPoints[0]?.counts).toEqual({ tp: 3, fp: 1, tn: 2, fn: 0 });
  });
});

// Temporary study folders for loader and CLI tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BASIC_CSV = [
  'case_id,y,a,b',
  'c1,1,0.9,0.8',
  'c2,1,0.8,0.4',
  'c3,1,0.35,0.7',
  'c4,0,0.3,0.2',
  'c5,0,0.6,0.1',
  'c6,0,0.1,0.3',
  'c7,1,0.7,0.9',
  'c8,0,0.2,0.6',
].join('\n');

export const BASIC_STUDY = `title: Test study
data: data.csv
id: case_id
outcome: { column: y, positive: 1 }
models:
  - { id: a, score: a }
  - { id: b, score: b }
operatingPoints:
  - { id: youden, youden: true }
bootstrap: { replicates: 200, seed: 1 }
`;

/** Writes the files into a new temporary folder and returns its path. */
export function studyFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dxreport-test-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

// A small deterministic study with subgroups and a validation set, for the subgroup and
// validation-set sections: 12 test cases over three sites, one of which ("east") holds
// negative cases only, so its AUC is not estimable; two sexes; a 6-case validation set.
import path from 'node:path';
import { evaluate, loadStudy, type Results } from '../../src/index.js';
import { BASIC_CSV, studyFolder } from './fixtures.js';

const SITES = ['north', 'south', 'north', 'south', 'north', 'south', 'north', 'south'];
const SEXES = ['F', 'M', 'M', 'F', 'F', 'M', 'F', 'M'];

/** BASIC_CSV with site and sex, plus four negative cases from the east site. */
export const SUBSET_CSV = [
  ...BASIC_CSV.split('\n').map((line, i) =>
    i === 0 ? `${line},site,sex` : `${line},${SITES[i - 1]},${SEXES[i - 1]}`,
  ),
  'c9,0,0.15,0.35,east,F',
  'c10,0,0.4,0.25,east,M',
  'c11,0,0.05,0.5,east,F',
  'c12,0,0.25,0.05,east,M',
].join('\n');

export const SUBSET_VALIDATION_CSV = [
  'case_id,y,a,b,site,sex',
  'v1,1,0.5,0.5,north,F',
  'v2,1,0.45,0.6,south,M',
  'v3,0,0.4,0.2,north,M',
  'v4,0,0.1,0.1,south,F',
  'v5,1,0.8,0.3,east,F',
  'v6,0,0.3,0.55,east,M',
].join('\n');

export const SUBSET_STUDY = `title: Small study with subgroups
data: data.csv
thresholdsFrom: validation.csv
id: case_id
outcome: { column: y, positive: 1 }
models:
  - { id: a, name: Model A, score: a }
  - { id: b, name: Model B, score: b }
subgroups: [site, sex]
operatingPoints:
  - { id: rule-out, minSensitivity: 0.9 }
  - { id: fixed, threshold: 0.5 }
bootstrap: { replicates: 0 }
`;

/** The small study evaluated; `withSubsets: false` drops `subgroups` and `thresholdsFrom`. */
export function subsetResults({ withSubsets = true }: { withSubsets?: boolean } = {}): Results {
  const study = withSubsets
    ? SUBSET_STUDY
    : SUBSET_STUDY.replace('thresholdsFrom: validation.csv\n', '').replace('subgroups: [site, sex]\n', '');
  const dir = studyFolder({
    'study.yaml': study,
    'data.csv': SUBSET_CSV,
    'validation.csv': SUBSET_VALIDATION_CSV,
  });
  return evaluate(loadStudy(path.join(dir, 'study.yaml')));
}

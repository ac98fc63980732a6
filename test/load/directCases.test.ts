// The one-pass case reader (directCases.ts) gives exactly what the general reader
// (delimited.ts + readCases.ts) gives — the same cases, ids, warnings, or the same one-line
// error — on generated tables full of what it hands back: quotes, blanks, CR/CRLF, missing
// and malformed cells, third outcome values, duplicate ids, decimal commas, drop mode.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { loadStudy, type Study } from '../../src/load/loadStudy.js';
import { studyFolder } from '../helpers/fixtures.js';

const reader = vi.hoisted(() => ({ direct: true, directReads: 0, directHits: 0 }));

vi.mock('../../src/load/delimited.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/load/delimited.js')>();
  return {
    ...actual,
    delimitedSource: (...args: Parameters<typeof actual.delimitedSource>) => {
      const source = actual.delimitedSource(...args);
      if (!reader.direct) return { ...source, readDirect: undefined };
      return {
        ...source,
        readDirect: (plan: Parameters<typeof source.readDirect>[0]) => {
          reader.directReads++;
          const cases = source.readDirect(plan);
          if (cases) reader.directHits++;
          return cases;
        },
      };
    },
  };
});

/** What a load gives: the cases (ids included) and warnings, or the error message. */
function outcome(dir: string): unknown {
  try {
    const study: Study = loadStudy(path.join(dir, 'study.yaml'));
    const { data } = study;
    return {
      rows: data.rows,
      dropped: data.dropped,
      labels: Array.from(data.labels),
      // Object.is keeps −0 apart from +0
      scores: data.scores.map((s) => Array.from(s, (v) => (Object.is(v, -0) ? '-0' : v))),
      ids: data.ids,
      clusters: data.clusters ? Array.from(data.clusters) : null,
      subgroups: [...data.subgroupValues],
      negative: study.negativeLabel,
      warnings: study.warnings,
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function bothReaders(files: Record<string, string>): { direct: unknown; general: unknown } {
  const dir = studyFolder(files);
  reader.direct = true;
  const direct = outcome(dir);
  reader.direct = false;
  const general = outcome(dir);
  reader.direct = true;
  return { direct, general };
}

const outcomeCell = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('0', '1') },
  { weight: 1, arbitrary: fc.constantFrom('', 'NA', '2', ' 1', '"1"', '1 ', '"0"', 'yes') },
);
const scoreCell = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('0.5', '0.25', '1', '0', '0.125', '.75', '0.333333') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '-0',
      '50',
      '1e-3',
      'NA',
      '',
      '"0.5"',
      ' 0.75 ',
      '1.5',
      '0,5',
      'N/A',
      'abc',
      '0x1',
    ),
  },
);
const textCell = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('a', 'b', 'é') },
  { weight: 1, arbitrary: fc.constantFrom('', '"a"', ' b', '"x""y"', 'NA', '日本') },
);

const tables = fc.record({
  rows: fc.array(
    fc.record({
      outcome: outcomeCell,
      a: scoreCell,
      b: scoreCell,
      group: textCell,
      extra: textCell,
      idKind: fc.oneof(
        { weight: 20, arbitrary: fc.constant('rising') },
        { weight: 1, arbitrary: fc.constantFrom('same', 'quoted', 'empty', 'shuffled') },
      ),
      short: fc.oneof(
        { weight: 40, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
    { minLength: 1, maxLength: 25 },
  ),
  delimiter: fc.constantFrom(',', ';', '\t'),
  lineBreak: fc.constantFrom('\n', '\r\n', '\r'),
  blankLines: fc.boolean(),
  drop: fc.boolean(),
  scale: fc.constantFrom('probability', 'score', 'percent'),
  declaredComma: fc.boolean(),
  withId: fc.boolean(),
  cluster: fc.boolean(),
  subgroup: fc.boolean(),
});

type Table = typeof tables extends fc.Arbitrary<infer T> ? T : never;

function files(t: Table): Record<string, string> {
  const d = t.delimiter;
  const comma = d !== ',' && t.declaredComma;
  const lines = [['case_id', 'y', 'a', 'b', 'group', 'extra'].join(d)];
  t.rows.forEach((row, i) => {
    const id = {
      rising: `C${i + 1}`,
      same: 'C1',
      quoted: `"C${i + 1}"`,
      empty: '',
      shuffled: `C${(i * 7) % 5}`,
    }[row.idKind] as string;
    const fix = (cell: string) => (comma ? cell.replace('.', ',') : cell.includes(d) ? `"${cell}"` : cell);
    const cells = [id, row.outcome, fix(row.a), fix(row.b), row.group, row.extra];
    lines.push((row.short ? cells.slice(0, 5) : cells).join(d));
    if (t.blankLines && i % 3 === 0) lines.push('');
  });
  const study = [
    'title: t',
    'data: data.csv',
    ...(t.withId ? ['id: case_id'] : []),
    'outcome: { column: y, positive: 1 }',
    `scores: ${t.scale}`,
    'models: [{ id: a, score: a }, { id: b, score: b }]',
    ...(t.drop ? ['missing: drop'] : []),
    ...(comma ? ['decimal: ","'] : []),
    ...(t.cluster ? ['cluster: extra'] : []),
    ...(t.subgroup ? ['subgroups: [group]'] : []),
  ];
  return { 'study.yaml': study.join('\n') + '\n', 'data.csv': lines.join(t.lineBreak) + t.lineBreak };
}

describe('one-pass case reader', () => {
  it('gives what the general reader gives (cases, ids, warnings or the same error)', () => {
    reader.directReads = 0;
    reader.directHits = 0;
    fc.assert(
      fc.property(tables, (t) => {
        const { direct, general } = bothReaders(files(t));
        expect(direct).toEqual(general);
      }),
      { numRuns: 300 },
    );
    // the generated tables exercise both ways: read in one pass, and handed back
    expect(reader.directHits).toBeGreaterThan(20);
    expect(reader.directReads - reader.directHits).toBeGreaterThan(20);
  });

  it('reads a clean table in one pass, quoted and padded fields included', () => {
    const csv = 'id;y;a\r\n"x1"; 1 ;0,9\r\n\r\nx2;0;"0,2"\r\n x3 ;0;0,1';
    const study =
      'title: t\ndata: data.csv\nid: id\ndecimal: ","\noutcome: { column: y, positive: 1 }\nmodels: [{ id: a, score: a }]\n';
    reader.directHits = 0;
    const { direct, general } = bothReaders({ 'study.yaml': study, 'data.csv': csv });
    expect(direct).toEqual(general);
    expect(direct).toMatchObject({ ids: ['x1', 'x2', 'x3'], scores: [[0.9, 0.2, 0.1]], labels: [1, 0, 0] });
    expect(reader.directHits).toBe(1);
  });

  it('finds duplicate ids that do not rise down the file', () => {
    const study =
      'title: t\ndata: data.csv\nid: id\noutcome: { column: y, positive: 1 }\nmodels: [{ id: a, score: a }]\n';
    const csv = 'id,y,a\nb,1,0.9\na,0,0.2\nc,1,0.4\na,0,0.1\n';
    const { direct, general } = bothReaders({ 'study.yaml': study, 'data.csv': csv });
    expect(direct).toEqual(general);
    expect((direct as { error: string }).error).toMatch(
      /data\.csv:5:1: duplicate case id "a" \(first on line 3\)/,
    );
  });
});

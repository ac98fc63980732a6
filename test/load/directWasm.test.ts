// The one-pass case reader's WebAssembly scanner (src/load/directWasm.ts, wasm/caseReader.ts)
// gives the chunk the JavaScript reader (readDirectChunk) gives — the same rows, outcome
// levels, scores bit for bit, id offsets and rising flag — or hands the table back (null), on
// generated tables full of what it must hand back: quotes, slow-path numbers, third outcome
// values, out-of-scale scores, missing cells, more rows than its first estimate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DirectPlan } from '../../src/load/caseTable.js';
import { readDirectChunk, type ChunkInput, type DirectChunk } from '../../src/load/directCases.js';
import { readDirectChunkWasm } from '../../src/load/directWasm.js';

const encoder = new TextEncoder();

/** A chunk's content up to `kept`, −0 kept apart from +0. */
function contentOf(chunk: DirectChunk) {
  const first = <T extends { subarray(a: number, b: number): ArrayLike<number> }>(array: T) =>
    Array.from(array.subarray(0, chunk.kept));
  return {
    rows: chunk.rows,
    kept: chunk.kept,
    levelStarts: chunk.levelStarts,
    levelEnds: chunk.levelEnds,
    levels: first(chunk.levels),
    scores: chunk.scores.map((s) => first(s).map((v) => (Object.is(v, -0) ? '-0' : v))),
    idStarts: chunk.idStarts ? first(chunk.idStarts) : null,
    idRising: chunk.idRising,
  };
}

function read(text: string, plan: DirectPlan, delimiter: string) {
  const bytes = encoder.encode(text);
  const bodyStart = bytes.indexOf(0x0a) + 1;
  const width = text.slice(0, text.indexOf('\n')).split(delimiter).length;
  const input: ChunkInput = { bytes, width, delimiter: delimiter.charCodeAt(0) };
  return {
    wasm: readDirectChunkWasm(input, plan, bodyStart, bytes.length),
    javascript: readDirectChunk(input, plan, bodyStart, bytes.length),
  };
}

const planFor = (
  options: Partial<DirectPlan> & { scale?: DirectPlan['scores'][number]['scale'] },
): DirectPlan => ({
  outcome: 1,
  scores: [
    { index: 2, scale: options.scale },
    { index: 3, scale: options.scale },
  ],
  id: options.id ?? 0,
  cluster: -1,
  subgroups: [],
  decimal: options.decimal ?? '.',
  drop: options.drop ?? false,
});

const scoreCell = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom('0.5', '0.25', '1', '0', '0.125', '.75', '0.333333', '0.170410', '1.'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '-0',
      '+0.5',
      '50',
      '1e-3',
      '2E2',
      '0.1234567890123456789',
      '12345678901234567',
      '1e400',
      '1e-400',
      'NA',
      '',
      '.',
      '"0.5"',
      ' 0.75 ',
      '\t0.5',
      '1.5',
      'N/A',
      'abc',
      '0x1',
      '1e',
      '-',
      '0.5.5',
    ),
  },
);
const outcomeCell = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('0', '1') },
  { weight: 1, arbitrary: fc.constantFrom('', 'NA', '2', ' 1', '1 ', 'yes', '"1"') },
);
const idCell = fc.oneof(
  { weight: 12, arbitrary: fc.constant('rising') },
  { weight: 1, arbitrary: fc.constantFrom('same', 'empty', 'long', 'padded', 'shuffled') },
);

const tables = fc.record({
  rows: fc.array(fc.record({ y: outcomeCell, a: scoreCell, b: scoreCell, id: idCell, short: fc.boolean() }), {
    minLength: 0,
    maxLength: 30,
  }),
  delimiter: fc.constantFrom(',', ';', '\t'),
  lineBreak: fc.constantFrom('\n', '\r\n'),
  blankLines: fc.boolean(),
  drop: fc.boolean(),
  scale: fc.constantFrom('probability', 'score', 'percent', undefined),
  withId: fc.boolean(),
  shortRows: fc.boolean(),
});

describe('WebAssembly case scanner', () => {
  it('gives the JavaScript reader’s chunk, or hands the table back', () => {
    let scanned = 0;
    fc.assert(
      fc.property(tables, (t) => {
        const d = t.delimiter;
        const lines = [['case_id', 'y', 'a', 'b', 'extra'].join(d)];
        t.rows.forEach((row, i) => {
          const id = {
            rising: `C${i + 1}`,
            same: 'C1',
            empty: '',
            long: `C${'9'.repeat(20)}${i}`,
            padded: ` C${i + 1} `,
            shuffled: `C${(i * 7) % 5}`,
          }[row.id] as string;
          const cells = [id, row.y, row.a.replace(d, '.'), row.b.replace(d, '.'), 'x'];
          lines.push((t.shortRows && row.short ? cells.slice(0, 4) : cells).join(d));
          if (t.blankLines && i % 4 === 0) lines.push('');
        });
        const plan = planFor({ scale: t.scale, drop: t.drop, id: t.withId ? 0 : -1 });
        const { wasm, javascript } = read(lines.join(t.lineBreak) + t.lineBreak, plan, d);
        if (wasm === null) return;
        scanned++;
        expect(javascript).not.toBeNull();
        expect(contentOf(wasm)).toEqual(contentOf(javascript as DirectChunk));
      }),
      { numRuns: 400 },
    );
    // most generated tables are clean enough for the scanner
    expect(scanned).toBeGreaterThan(60);
  });

  it('reads decimal commas (semicolon tables) and a last row without a line break', () => {
    const text = 'case_id;y;a;b\nC1;1;0,25;0,5\nC2;0;0,75;1\r\nC3;1;,5;0';
    const { wasm, javascript } = read(text, planFor({ decimal: ',', scale: 'probability' }), ';');
    expect(wasm).not.toBeNull();
    expect(contentOf(wasm as DirectChunk)).toEqual(contentOf(javascript as DirectChunk));
    expect(Array.from((wasm as DirectChunk).scores[0] as Float64Array)).toEqual([0.25, 0.75, 0.5]);
  });

  it('hands back a table with quotes or a slow-path number, which the JavaScript reader reads', () => {
    for (const row of ['"C2",0,0.5,0.5', 'C2,0,0.12345678901234567,0.5', 'C2,0,1e-30,0.5']) {
      const { wasm, javascript } = read(`case_id,y,a,b\nC1,1,0.25,0.5\n${row}\n`, planFor({}), ',');
      expect(wasm).toBeNull();
      expect(javascript).not.toBeNull();
    }
  });

  it('hands back a table whose rows outgrow its first estimate', () => {
    // 64 kB of long rows, then many short ones: more rows than the estimate from the first
    const long = Array.from({ length: 800 }, (_, i) => `C${i},1,0.${'1'.repeat(14)},0.5,${'x'.repeat(60)}`);
    const short = Array.from({ length: 20000 }, (_, i) => `D${i},0,0.5,0.5,`);
    const { wasm, javascript } = read(
      ['case_id,y,a,b,extra', ...long, ...short].join('\n') + '\n',
      planFor({}),
      ',',
    );
    expect(wasm).toBeNull();
    expect((javascript as DirectChunk).kept).toBe(20800);
  });

  it('reads a table of more than a megabyte in several calls, resuming where each ended', () => {
    const rows = Array.from(
      { length: 150000 },
      (_, i) => `C${i + 1},${i % 3 === 0 ? 1 : 0},${(i % 997) / 1000},${((i * 7) % 1000) / 1000}`,
    );
    // an id out of order half-way: not rising, found across the calls
    rows[120000] = 'C1,1,0.5,0.5';
    const { wasm, javascript } = read(['case_id,y,a,b', ...rows].join('\r\n') + '\r\n', planFor({}), ',');
    expect(wasm).not.toBeNull();
    expect((wasm as DirectChunk).idRising).toBe(false);
    expect(contentOf(wasm as DirectChunk)).toEqual(contentOf(javascript as DirectChunk));
  });
});

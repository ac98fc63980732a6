// Tables as plain data: every cell has its shown text and full-precision values; CSV is RFC 4180.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadStudy, type Results } from '../../src/index.js';
import { formatAuc, formatProportion } from '../../src/format/numbers.js';
import { buildTables } from '../../src/report/tables/buildTables.js';
import { checkTable, toCsv } from '../../src/report/tables/csv.js';
import { decisionTableThresholds } from '../../src/report/tables/decisionCurve.js';
import type { Table } from '../../src/report/tables/table.js';

const EXAMPLE = path.resolve('examples/bone-tumour/study.yaml');

describe('buildTables on the bone-tumour example', () => {
  let r: Results;
  let tables: Table[];
  beforeAll(() => {
    const study = loadStudy(EXAMPLE);
    study.settings.bootstrap.replicates = 100;
    r = evaluate(study);
    tables = buildTables(r);
  });

  it('numbers the tables and names their files', () => {
    tables.forEach((t, k) => {
      expect(t.number).toBe(`Table S${k + 1}`);
      expect(t.name).toMatch(new RegExp(`^table-s${k + 1}-[a-z0-9-]+$`));
    });
    expect(new Set(tables.map((t) => t.name)).size).toBe(tables.length);
    expect(tables.map((t) => t.name)).toContain('table-s4-high-sensitivity-2x2');
  });

  it('has one cell per column and one raw value per CSV header', () => {
    for (const t of tables) expect(() => checkTable(t)).not.toThrow();
  });

  it('shows formatted numbers and keeps full precision for the CSV', () => {
    const discrimination = tables.find((t) => t.name.endsWith('-discrimination')) as Table;
    const first = discrimination.rows[0]?.cells ?? [];
    expect(first[1]?.text).toBe(formatAuc(r.models[0]?.auc.estimate));
    expect(first[1]?.text).toMatch(/^0\.\d{3}$/);
    expect(first[1]?.raw[0]).toBe(r.models[0]?.auc.estimate);
    const csv = toCsv(discrimination);
    expect(csv.split('\r\n')[0]).toMatch(/^model,auc,se,ci_lower,ci_upper,/);
    expect(csv).toContain(String(r.models[0]?.auc.estimate));
  });

  it('gives the 2×2 table of each model at each operating point', () => {
    const t = tables.find((x) => x.name.endsWith('high-sensitivity-2x2')) as Table;
    const tl = r.models[0]?.operatingPoints[0]?.counts;
    expect(t.rows[0]?.cells.map((c) => c.text)).toEqual([
      'YOLO-TL (chest-pretrained)',
      'Positive',
      String(tl?.tp),
      String(tl?.fp),
      String((tl?.tp ?? 0) + (tl?.fp ?? 0)),
    ]);
    const { positives, negatives, n } = r.sample;
    expect(t.rows[2]?.cells.slice(1).map((c) => c.text)).toEqual([
      'Total',
      String(positives),
      String(negatives),
      String(n),
    ]);
  });

  it('shows sensitivity with its interval and count', () => {
    const t = tables.find((x) => x.name.endsWith('high-sensitivity-accuracy')) as Table;
    const sens = t.rows.find((row) => row.cells[0]?.text === 'Sensitivity');
    const p = r.models[0]?.operatingPoints[0]?.sensitivity;
    expect(sens?.cells[1]?.text).toMatch(/^0\.\d{3} \(0\.\d{3}–0\.\d{3}\)$/);
    expect(sens?.cells[1]?.text.startsWith(formatProportion(p?.estimate))).toBe(true);
    expect(sens?.cells[1]?.sub).toBe(`${p?.numerator}/${p?.denominator}`);
    expect(sens?.cells[1]?.raw).toEqual([
      p?.estimate,
      p?.ci?.lower,
      p?.ci?.upper,
      p?.numerator,
      p?.denominator,
    ]);
  });
});

describe('toCsv', () => {
  const table: Table = {
    name: 'table-s1-x',
    number: 'Table S1',
    section: 'cohort',
    title: 'x',
    columns: [
      { label: 'Name', csv: ['name'], kind: 'text' },
      { label: 'Value (CI)', csv: ['value', 'lower', 'upper'], kind: 'number' },
    ],
    rows: [
      {
        cells: [
          { text: 'a, "quoted"\nname', raw: ['a, "quoted"\nname'] },
          { text: '', raw: [0.1 + 0.2, null, -1e-20] },
        ],
      },
      {
        cells: [
          { text: 'b', raw: ['b'] },
          { text: '', raw: [Number.POSITIVE_INFINITY, Number.NaN, true] },
        ],
      },
    ],
    notes: [],
  };

  it('quotes fields with commas, quotes and line breaks, ends lines with CRLF', () => {
    expect(toCsv(table)).toBe(
      'name,value,lower,upper\r\n"a, ""quoted""\nname",0.30000000000000004,,-1e-20\r\nb,Inf,,true\r\n',
    );
  });
});

describe('decision-curve thresholds shown in the table', () => {
  it('takes the round thresholds present in the grid', () => {
    const grid = Array.from({ length: 99 }, (_v, k) => Number(((k + 1) * 0.01).toFixed(10)));
    expect(decisionTableThresholds(grid)).toEqual([0.05, 0.1, 0.2, 0.3, 0.5]);
    expect(decisionTableThresholds([0.1, 0.15, 0.2])).toEqual([0.1, 0.2]);
    expect(decisionTableThresholds([0.11, 0.13, 0.17, 0.19, 0.23, 0.29])).toEqual([
      0.11, 0.13, 0.19, 0.23, 0.29,
    ]);
    expect(decisionTableThresholds([])).toEqual([]);
  });
});

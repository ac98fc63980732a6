// Inputs as people export them (issue 11) and hostile input (issue 14), end to end on the
// built CLI: what reads, reads right; what cannot is one line naming the file and line (or the
// study key), a non-zero exit, and the previous report left as it was.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { BASIC_CSV, BASIC_STUDY, studyFolder } from '../helpers/fixtures.js';
import { inBatches, runCli, runCliAsync } from '../helpers/cli.js';

function report(dir: string, ...extra: string[]) {
  return runCli(
    ['report', path.join(dir, 'study.yaml'), '--out', path.join(dir, 'out'), '--format', 'json', ...extra],
    {
      cwd: dir,
    },
  );
}

function results(dir: string) {
  return JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as {
    sample: { n: number; positives: number };
    models: { id: string; auc: { estimate: number }; scoreKind: string }[];
    warnings: { code: string; message: string }[];
  };
}

function utf16le(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

describe('inputs as exported', () => {
  it('reads a semicolon file with decimal commas and says so', () => {
    const csv = BASIC_CSV.replaceAll(',', ';').replace(/(\d)\.(\d)/g, '$1,$2');
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': csv });
    const result = report(dir);
    expect(result.status).toBe(0);
    const r = results(dir);
    expect(r.sample.n).toBe(8);
    expect(r.warnings.find((w) => w.code === 'decimal-comma-detected')?.message).toMatch(
      /decimal commas.*0,83.*0\.83/,
    );
    // the same numbers as the comma-separated file with decimal points
    const plain = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
    expect(report(plain).status).toBe(0);
    expect(r.models.map((m) => m.auc.estimate)).toEqual(results(plain).models.map((m) => m.auc.estimate));
  });

  it('takes decimal: "," from the study file without a warning', () => {
    const csv = BASIC_CSV.replaceAll(',', ';').replace(/(\d)\.(\d)/g, '$1,$2');
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY + 'decimal: ","\n', 'data.csv': csv });
    expect(report(dir).status).toBe(0);
    expect(results(dir).warnings.map((w) => w.code)).not.toContain('decimal-comma-detected');
  });

  it('reads UTF-16 text with and without a BOM (Excel "Unicode text", tab-separated)', () => {
    for (const bom of [true, false]) {
      const dir = studyFolder({ 'study.yaml': BASIC_STUDY });
      writeFileSync(
        path.join(dir, 'data.csv'),
        utf16le(BASIC_CSV.replaceAll(',', '\t').replaceAll('\n', '\r\n'), bom),
      );
      const result = report(dir);
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.status).toBe(0);
      expect(results(dir).sample.n).toBe(8);
    }
  });

  it('reads a declared legacy encoding, and names the byte and line when undeclared', () => {
    const csv = BASIC_CSV.replace('case_id', 'cas_n°').replace('c4,', 'c4é,');
    const latin1 = Buffer.from(csv, 'latin1');
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY.replace('id: case_id', 'id: cas_n°') });
    writeFileSync(path.join(dir, 'data.csv'), latin1);
    const failed = report(dir);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr.trim()).toMatch(/data\.csv:1: not UTF-8 text \(byte 0xB0\).*encoding: windows-1252/);
    writeFileSync(
      path.join(dir, 'study.yaml'),
      BASIC_STUDY.replace('id: case_id', 'id: cas_n°') + 'encoding: windows-1252\n',
    );
    expect(report(dir).status).toBe(0);
  });

  it('rescales scores: percent, and advises percent (not probability) for 0–100 scores', () => {
    const percent = BASIC_CSV.replace(/0\.(\d+)/g, (_, d: string) => String(Number(`0.${d}`) * 100));
    const plain = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
    expect(report(plain).status).toBe(0);

    const declared = studyFolder({ 'study.yaml': BASIC_STUDY + 'scores: percent\n', 'data.csv': percent });
    expect(report(declared).status).toBe(0);
    expect(results(declared).models.map((m) => m.scoreKind)).toEqual(['probability', 'probability']);
    expect(results(declared).models.map((m) => m.auc.estimate)).toEqual(
      results(plain).models.map((m) => m.auc.estimate),
    );

    const undeclared = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': percent });
    expect(report(undeclared).status).toBe(0);
    const advice = results(undeclared).warnings.find((w) => w.code === 'scores-not-probabilities')?.message;
    expect(advice).toContain('set scores: percent');
    expect(advice).not.toContain('scores: probability');

    const wrong = studyFolder({ 'study.yaml': BASIC_STUDY + 'scores: probability\n', 'data.csv': percent });
    const refused = report(wrong);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('set scores: percent');
  });

  it('reads Parquet (several row groups, a missing score dropped)', () => {
    const dir = studyFolder({
      'study.yaml': BASIC_STUDY.replace('data.csv', 'data.parquet') + 'missing: drop\n',
    });
    const rows = BASIC_CSV.split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const b = rows.map((r) => Number(r[3]));
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'case_id', data: rows.map((r) => r[0] as string) },
        { name: 'y', data: Int32Array.from(rows, (r) => Number(r[1])) },
        { name: 'a', data: Float64Array.from(rows, (r) => Number(r[2])) },
        { name: 'b', data: [null, ...b.slice(1)], type: 'DOUBLE' },
      ],
      rowGroupSize: 3,
    });
    writeFileSync(path.join(dir, 'data.parquet'), Buffer.from(parquet));
    expect(report(dir).status).toBe(0);
    expect(results(dir).sample.n).toBe(7);
  });

  it('survives scores of ±1e308 through the HTML report', () => {
    const csv = BASIC_CSV.replace('c1,1,0.9', 'c1,1,1e308').replace('c4,0,0.3', 'c4,0,-1e308');
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': csv });
    const result = report(dir, '--format', 'json,html');
    expect(result.stderr).not.toMatch(/Cannot read/);
    expect(result.status).toBe(0);
  });

  it('raises the size limit with --max-input-size', () => {
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
    const refused = report(dir, '--max-input-size', '100');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr.trim()).toMatch(
      /cannot read the data file .*data\.csv: it is \d+ bytes, more than the limit of 100 bytes \(raise it with --max-input-size\)$/,
    );
    expect(report(dir, '--max-input-size', '1M').status).toBe(0);
  });
});

interface BadCase {
  name: string;
  files: Record<string, string | Buffer>;
  /** What stderr's one line must match (after "dxreport: "). */
  expected: RegExp;
  /** Data path in the study file, when not a file of the folder. */
  data?: string;
  setup?: (dir: string) => void;
  args?: string[];
}

const big = (bytes: number) => 'x'.repeat(bytes);
const study = (extra = '', base = BASIC_STUDY) => base + extra;

const BAD: BadCase[] = [
  {
    name: 'an Excel workbook',
    files: { 'data.xlsx': Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(400, 0x9c)]) },
    data: 'data.xlsx',
    expected: /data\.xlsx: this is an Excel workbook, not CSV text: export it as CSV/,
  },
  {
    name: 'an Excel 97 workbook',
    files: { 'data.csv': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 1, 2]) },
    expected: /data\.csv: this is an Excel 97–2003 \(\.xls\) workbook/,
  },
  {
    name: 'a binary file',
    files: { 'data.csv': Buffer.from('case_id,y,a\nc1,1,\x00\x00\x01\n') },
    expected: /data\.csv:2: a zero byte: this is a binary file/,
  },
  {
    name: 'a directory as data',
    files: {},
    setup: (dir) => mkdirSync(path.join(dir, 'data.csv')),
    expected:
      /study\.yaml:2:7: data: cannot read the data file .*data\.csv: it is a directory, not a regular file/,
  },
  {
    name: '/dev/zero as data',
    files: {},
    data: '/dev/zero',
    expected: /data: cannot read the data file \/dev\/zero: it is a character device, not a regular file/,
  },
  {
    name: 'a FIFO as data',
    files: {},
    setup: (dir) => execFileSync('mkfifo', [path.join(dir, 'data.csv')]),
    expected: /data: cannot read the data file .*data\.csv: it is a named pipe \(FIFO\), not a regular file/,
  },
  {
    name: 'a FIFO as the study file',
    files: { 'data.csv': BASIC_CSV },
    setup: (dir) => execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]),
    args: ['pipe.yaml'],
    expected: /pipe\.yaml: cannot read the study file pipe\.yaml: it is a named pipe \(FIFO\)/,
  },
  {
    name: 'a 20 MB header field',
    files: { 'data.csv': `${big(20_000_000)},y\n1,2\n` },
    expected: /data\.csv:1:1: column name "x{60}…" \(80 characters\) is 20000000 bytes long: at most 1024$/,
  },
  {
    name: '100,000 columns',
    files: { 'data.csv': `${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n` },
    expected: /data\.csv:1: the header has more than 16,384 columns/,
  },
  {
    name: 'a 20 MB score cell',
    files: { 'data.csv': BASIC_CSV.replace('c5,0,0.6', `c5,0,${big(20_000_000)}`) },
    expected: /data\.csv:6:3: score "x{60}…" \(\d+ characters\) in column "a" is not a finite number$/,
  },
  {
    name: 'ANSI escapes and control bytes in a cell',
    files: { 'data.csv': BASIC_CSV.replace('c5,0,0.6', 'c5,0,\x1b[31mred\x07') },
    expected: /data\.csv:6:3: score "\\u001b\[31mred\\u0007" in column "a" is not a finite number$/,
  },
  {
    name: 'a hexadecimal score',
    files: { 'data.csv': BASIC_CSV.replace('c5,0,0.6', 'c5,0,0x1A') },
    expected:
      /data\.csv:6:3: score "0x1A" in column "a" is not a finite number: only decimal numbers are read/,
  },
  {
    name: 'Infinity as a score',
    files: { 'data.csv': BASIC_CSV.replace('c5,0,0.6', 'c5,0,Infinity') },
    expected: /data\.csv:6:3: score "Infinity" in column "a" is not a finite number$/,
  },
  {
    name: 'a score beyond the double range',
    files: { 'data.csv': BASIC_CSV.replace('c5,0,0.6', 'c5,0,1e400') },
    expected: /data\.csv:6:3: score "1e400" in column "a" is not a finite number$/,
  },
  {
    name: 'a hexadecimal outcome 0x1 for positive 1',
    files: { 'data.csv': BASIC_CSV.replaceAll(/(c\d),1,/g, '$1,0x1,') },
    expected:
      /study\.yaml:4:\d+: outcome\.positive: no case in data\.csv has outcome "1"; column "y" holds "0x1" and "0"/,
  },
  {
    name: 'an outcome value with a trailing space',
    files: {
      'study.yaml': BASIC_STUDY.replace('positive: 1', 'positive: "yes"'),
      'data.csv': BASIC_CSV.replaceAll(/(c\d),1,/g, '$1,"yes ",').replaceAll(/(c\d),0,/g, '$1,no,'),
    },
    expected: /outcome\.positive: no case in data\.csv has outcome "yes"; column "y" holds "yes " and "no"/,
  },
  {
    name: 'replicates: 2.5',
    files: { 'study.yaml': BASIC_STUDY.replace('replicates: 200', 'replicates: 2.5'), 'data.csv': BASIC_CSV },
    expected: /study\.yaml:10:\d+: bootstrap\.replicates: expected a whole number, not 2\.5$/,
  },
  {
    name: 'missing: drop leaving one class',
    files: {
      'study.yaml': study('missing: drop\n'),
      'data.csv': BASIC_CSV.replaceAll(/(c[4568]),0,0\.\d+/g, '$1,0,NA'),
    },
    expected:
      /study\.yaml:\d+:\d+: missing: after dropping 4 of 8 rows with a missing score, only outcome "1" is left in data\.csv/,
  },
  {
    name: 'a third outcome value',
    files: { 'data.csv': BASIC_CSV.replace('c6,0,', 'c6,2,') },
    expected: /data\.csv:7:2: outcome column "y" has a third value "2" \(after "1" and "0"\)/,
  },
  {
    name: 'a ragged row',
    files: { 'data.csv': BASIC_CSV.replace('c6,0,0.1,0.3', 'c6,0,0.1') },
    expected:
      /data\.csv:7: row has 3 fields but the header has 4 \(separator ","; quote fields that contain it\)$/,
  },
  {
    name: 'an unclosed quote',
    files: { 'data.csv': BASIC_CSV.replace('c6,0,', '"c6,0,') },
    expected: /data\.csv:7: a quoted field is not closed/,
  },
  {
    name: 'a UTF-32 file',
    files: { 'data.csv': Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('a\0\0\0')]) },
    expected: /data\.csv: the file is UTF-32 text/,
  },
  { name: 'an empty file', files: { 'data.csv': '' }, expected: /data\.csv:1: the file is empty/ },
  {
    name: 'a header only',
    files: { 'data.csv': 'case_id,y,a,b\n' },
    expected: /data\.csv:2: no data rows below the header/,
  },
  {
    name: 'a duplicate column',
    files: { 'data.csv': BASIC_CSV.replace('case_id,y,a,b', 'case_id,y,a,a') },
    expected: /data\.csv:1:4: column "a" appears twice in the header \(columns 3 and 4\)/,
  },
  {
    name: 'a duplicate id',
    files: { 'data.csv': BASIC_CSV.replace('c6,', 'c2,') },
    expected: /data\.csv:7:1: duplicate case id "c2" \(first on line 3\)/,
  },
  {
    name: 'a missing column',
    files: { 'study.yaml': BASIC_STUDY.replace('score: b', 'score: bb') },
    expected: /study\.yaml:7:\d+: models\[1\]\.score: column "bb" is not in data\.csv \(did you mean "b"\?\)/,
  },
  {
    name: 'a percent threshold above 1',
    files: {
      'study.yaml': study('scores: percent\n').replace(
        '{ id: youden, youden: true }',
        '{ id: f, threshold: 50 }',
      ),
    },
    expected: /operatingPoints\[0\]\.threshold: scores: percent are read as probabilities/,
  },
  {
    name: 'a decimal comma with decimal: "."',
    files: {
      'study.yaml': study('decimal: "."\n'),
      'data.csv': BASIC_CSV.replaceAll(',', ';').replace('0.6', '0,6'),
    },
    expected:
      /data\.csv:6:3: score "0,6" in column "a" is not a finite number: for decimal commas set decimal: ","/,
  },
  {
    name: 'an unknown encoding',
    files: { 'study.yaml': study('encoding: ebcdic\n') },
    expected: /study\.yaml:11:\d+: encoding: expected one of "utf-8"/,
  },
  {
    name: 'an ANSI escape in a study key',
    files: { 'study.yaml': study('"\\e[31mkey": 1\n') },
    expected: /study\.yaml:11:1: "\\u001b\[31mkey": unknown key "\\u001b\[31mkey"/,
  },
];

describe('bad input corpus', () => {
  it('every case: one line naming file and line or key, non-zero exit, previous report intact', async () => {
    const prepared = BAD.map((bad) => {
      const files: Record<string, string | Buffer> = {
        'study.yaml': BASIC_STUDY,
        'data.csv': BASIC_CSV,
        ...bad.files,
      };
      let studyText = files['study.yaml'] as string;
      if (bad.data) studyText = studyText.replace('data: data.csv', `data: ${bad.data}`);
      if (bad.setup) delete files['data.csv'];
      const dir = studyFolder({});
      for (const [name, content] of Object.entries({ ...files, 'study.yaml': studyText }))
        writeFileSync(path.join(dir, name), content);
      bad.setup?.(dir);
      mkdirSync(path.join(dir, 'out'));
      writeFileSync(path.join(dir, 'out', 'results.json'), 'previous report');
      return { bad, dir };
    });
    const outcomes = await inBatches(
      prepared.map(
        ({ bad, dir }) =>
          () =>
            runCliAsync(['report', ...(bad.args ?? ['study.yaml']), '--out', 'out', '--format', 'json'], {
              cwd: dir,
              timeout: 60_000,
            }),
      ),
      3,
    );
    const failures: string[] = [];
    outcomes.forEach((result, i) => {
      const { bad, dir } = prepared[i] as (typeof prepared)[number];
      const lines = result.stderr.trimEnd().split('\n');
      const problems = [
        result.status === 0 || result.status === null ? `exit ${result.status}` : '',
        lines.length !== 1 ? `${lines.length} lines` : '',
        !bad.expected.test(lines[0]?.replace(/^dxreport: /, '') ?? '') ? 'message' : '',
        // eslint-disable-next-line no-control-regex
        /[\u0000-\u0008\u000b-\u001f\u007f]/.test(result.stderr) ? 'control characters' : '',
        result.stderr.length > 400 ? 'too long' : '',
        readFileSync(path.join(dir, 'out', 'results.json'), 'utf8') !== 'previous report'
          ? 'previous report changed'
          : '',
      ].filter(Boolean);
      if (problems.length > 0)
        failures.push(`${bad.name}: ${problems.join(', ')}: ${JSON.stringify(result.stderr.slice(0, 300))}`);
    });
    expect(failures).toEqual([]);
  }, 600_000);
});

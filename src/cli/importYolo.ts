/** `dxreport import-yolo`: YOLO detection files (one folder per model) → a CSV of image-level scores. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseCsv } from '../load/csv.js';
import { InputError } from '../load/errors.js';
import {
  readYoloScores,
  refuseOverwritingInputs,
  writeFileReplacing,
  yoloImportHeader,
  type YoloAggregate,
} from '../load/yolo.js';
import { formatCsv } from '../output/csv.js';
import { failWith, UsageError } from './fail.js';

interface ImportYoloCliOptions {
  labels: string;
  id: string;
  model: string[];
  out: string;
  aggregate: string;
  topK: string;
  classes?: string;
}

function importYolo(options: ImportYoloCliOptions): void {
  if (!['max', 'noisy-or', 'top-k-mean'].includes(options.aggregate)) {
    throw new UsageError(`--aggregate ${options.aggregate}: use max, noisy-or or top-k-mean`);
  }
  const topK = Number(options.topK);
  if (!Number.isInteger(topK) || topK < 1)
    throw new UsageError(`--top-k ${options.topK}: use a whole number ≥ 1`);
  const classes = options.classes ? options.classes.split(',').map((c) => Number(c.trim())) : [];
  if (classes.some((c) => !Number.isInteger(c) || c < 0)) {
    throw new UsageError(`--classes ${options.classes}: use comma-separated class numbers, e.g. 0,2`);
  }
  const table = parseCsv(readFileSync(options.labels, 'utf8'), options.labels);
  const idIndex = table.header.indexOf(options.id);
  if (idIndex < 0) {
    throw new InputError(
      { file: options.labels, line: 1 },
      `no column "${options.id}"; columns are ${table.header.join(', ')}`,
    );
  }
  const ids = table.rows.map((row) => row[idIndex] as string);
  const models = options.model.map((spec) => {
    const [name, folder] = spec.split('=', 2);
    if (!name || !folder) throw new UsageError(`--model ${spec}: write it as name=folder`);
    return { name, folder };
  });
  const scores = models.map((m) =>
    readYoloScores(m.folder, ids, { aggregate: options.aggregate as YoloAggregate, topK, classes }),
  );
  const header = yoloImportHeader(options.labels, table.header, models);
  refuseOverwritingInputs(options.out, [options.labels]);
  const rows = table.rows.map((row, r) => [...row, ...scores.map((s) => String(s[r] as number))]);
  writeFileReplacing(options.out, formatCsv(header, rows));
  console.error(`dxreport: wrote ${options.out} (${rows.length} images, ${models.length} model(s))`);
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerImportYolo(program: Command): void {
  program
    .command('import-yolo')
    .description('turn YOLO detection files (one folder per model) into a CSV of image-level scores')
    .requiredOption('--labels <csv>', 'CSV of image ids and reference-standard labels')
    .requiredOption('--id <column>', 'column of image ids in --labels (the detection files are <id>.txt)')
    .requiredOption(
      '--model <name=folder>',
      'a model and its folder of --save-txt --save-conf files (repeat)',
      collect,
      [],
    )
    .requiredOption('-o, --out <csv>', 'CSV to write: the labels columns plus one score column per model')
    .option('--aggregate <how>', 'image score from its boxes: max | noisy-or | top-k-mean', 'max')
    .option('--top-k <k>', 'boxes averaged by top-k-mean', '3')
    .option('--classes <list>', 'comma-separated class ids to keep (default: all)')
    .addHelpText(
      'after',
      `
Each detection file holds one box per line, "class cx cy w h conf" (YOLOv5/v8 --save-txt
--save-conf). Images with no file or no kept boxes score 0. Example:
  dxreport import-yolo --labels labels.csv --id image --model tl=runs/tl/labels --model sc=runs/sc/labels --out predictions.csv`,
    )
    .action((options: ImportYoloCliOptions) => {
      try {
        importYolo(options);
      } catch (error) {
        failWith(error);
      }
    });
}

/**
 * The study file's schema: the one definition from which the loader validates, the
 * defaults are filled in and `schema/study.schema.json` (for editors) is generated.
 */
import { z } from 'zod';
import { ENCODINGS } from './encoding.js';
import { readerStudySchema } from './readerStudySchema.js';

const probability = z.number().min(0).max(1);
const openUnit = z.number().gt(0).lt(1);
const identifier = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, "_", "." or "-"');

export const operatingPointSchema = z
  .object({
    id: identifier.describe('Identifier of the operating point, e.g. high-sensitivity'),
    label: z.string().optional().describe('How the report names it (defaults to a description of the rule)'),
    minSensitivity: probability.optional().describe('Highest threshold whose sensitivity is at least this'),
    minSpecificity: probability.optional().describe('Lowest threshold whose specificity is at least this'),
    youden: z.literal(true).optional().describe('Threshold maximising sensitivity + specificity − 1'),
    threshold: z
      .number()
      .optional()
      .describe('A prespecified score threshold (score >= threshold is positive)'),
  })
  .strict()
  .superRefine((value, context) => {
    const rules = (['minSensitivity', 'minSpecificity', 'youden', 'threshold'] as const).filter(
      (key) => value[key] !== undefined,
    );
    if (rules.length !== 1) {
      context.addIssue({
        code: 'custom',
        message:
          rules.length === 0
            ? 'give exactly one rule: minSensitivity, minSpecificity, youden: true or threshold'
            : `give exactly one rule, not ${rules.join(' and ')}`,
      });
    }
  });

export const modelSchema = z
  .object({
    id: identifier.describe('Short identifier used in comparisons and file names'),
    name: z.string().optional().describe('Display name (defaults to id)'),
    score: z.string().min(1).describe('CSV column holding the score (higher = more likely positive)'),
    scores: z
      .enum(['probability', 'score', 'percent'])
      .optional()
      .describe(
        'Override detection: probability (in [0, 1]; calibration and net benefit apply), percent (0–100, read ÷ 100 as probabilities) or score (any scale)',
      ),
  })
  .strict();

export const yoloSourceSchema = z
  .object({
    yolo: z
      .object({
        labels: z.string().min(1).describe('CSV of image ids and reference-standard labels'),
        id: z.string().min(1).describe('Column of image ids (the detection files are <id>.txt)'),
        predictions: z
          .record(identifier, z.string().min(1))
          .describe('One folder of YOLO --save-txt --save-conf files per model: { tl: runs/tl/labels, … }'),
        aggregate: z.enum(['max', 'noisy-or', 'top-k-mean']).default('max'),
        topK: z.number().int().min(1).default(3),
        classes: z.array(z.number().int().min(0)).default([]).describe('Classes to keep (all when empty)'),
      })
      .strict(),
  })
  .strict();

export const studySchema = z
  .object({
    $schema: z.string().optional(),
    title: z.string().min(1).describe('Study title shown on the report'),
    data: z
      .union([z.string().min(1), yoloSourceSchema])
      .describe('CSV file relative to the study file (one row per case), or { yolo: … } detection folders'),
    id: z.string().min(1).optional().describe('Column of case identifiers (checked for duplicates)'),
    outcome: z
      .object({
        column: z.string().min(1).describe('Column holding the reference-standard outcome'),
        positive: z.union([z.string(), z.number(), z.boolean()]).describe('The value that means positive'),
      })
      .strict(),
    models: z.array(modelSchema).min(1).describe('One or more models, each a score column'),
    scores: z
      .enum(['probability', 'score', 'percent'])
      .optional()
      .describe('Override detection for every model: probability, percent (0–100, read ÷ 100) or score'),
    decimal: z
      .enum(['.', ','])
      .optional()
      .describe(
        'Decimal separator of the data file (detected: "," in a ";"- or tab-separated file whose scores have decimal commas)',
      ),
    encoding: z
      .enum(ENCODINGS)
      .optional()
      .describe(
        'Text encoding of the data file (UTF-8 and UTF-16 are detected; name others, e.g. windows-1252, shift_jis)',
      ),
    comparisons: z
      .union([z.literal('all'), z.literal('none'), z.array(z.tuple([identifier, identifier]))])
      .default('all')
      .describe('"all" pairs, "none", or a list of [a, b] pairs (differences are a − b)'),
    operatingPoints: z.array(operatingPointSchema).default([]),
    partialAuc: z
      .array(
        z
          .object({
            focus: z.enum(['specificity', 'sensitivity']),
            from: probability,
            to: probability,
          })
          .strict()
          .refine((r) => r.from < r.to, { message: 'from must be less than to' }),
      )
      .default([{ focus: 'specificity', from: 0.8, to: 1 }])
      .describe('Partial AUC ranges (raw and McClish-standardised)'),
    intervals: z
      .object({
        level: openUnit.default(0.95).describe('Confidence level of every interval'),
        proportion: z.enum(['wilson', 'clopper-pearson', 'jeffreys']).default('wilson'),
        auc: z.enum(['delong', 'delong-logit']).default('delong'),
        pairedDifference: z.enum(['newcombe', 'tango']).default('newcombe'),
      })
      .strict()
      .prefault({}),
    tests: z
      .object({
        mcnemar: z.enum(['exact', 'midp', 'chisq', 'chisq-cc']).default('exact'),
      })
      .strict()
      .prefault({}),
    bootstrap: z
      .object({
        replicates: z.number().int().min(0).max(1_000_000).default(2000),
        seed: z.number().int().min(0).max(4294967295).default(1),
        stratified: z.boolean().default(true),
        interval: z.enum(['percentile', 'bca']).default('percentile'),
        rederiveThresholds: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    decisionCurve: z
      .object({
        from: openUnit.default(0.01),
        to: openUnit.default(0.99),
        by: openUnit.default(0.01),
      })
      .strict()
      .refine((d) => d.from <= d.to, { message: 'from must not exceed to' })
      .refine((d) => (d.to - d.from) / d.by < 10_000, {
        message: 'at most 10,000 thresholds: use a larger "by"',
      })
      .refine((d) => [d.from, d.to, d.by].every((v) => Number(v.toFixed(6)) === v), {
        message: 'give from, to and by with at most 6 decimals',
      })
      .prefault({}),
    targetPrevalence: openUnit
      .optional()
      .describe('Clinical prevalence for PPV, NPV and net benefit (Bayes)'),
    calibration: z
      .object({
        bins: z.number().int().min(2).max(100).default(10),
        span: z.number().gt(0).max(1).default(0.75),
        surface: z
          .enum(['interpolate', 'direct'])
          .default('interpolate')
          .describe(
            "Loess evaluation: interpolate (R's default: k-d tree vertices, cubic Hermite) or direct (exact at every case; O(n²))",
          ),
      })
      .strict()
      .prefault({}),
    missing: z.enum(['error', 'drop']).default('error').describe('Rows with a missing score: error or drop'),
    subgroups: z.array(z.string().min(1)).default([]),
    thresholdsFrom: z.string().min(1).optional(),
    cluster: z.string().min(1).optional(),
    readerStudy: readerStudySchema
      .optional()
      .describe('Reads of a multi-reader multi-case study (contract: Reader studies)'),
  })
  .strict();

export type StudyFile = z.infer<typeof studySchema>;
export type OperatingPointSpec = z.infer<typeof operatingPointSchema>;
export type ModelSpec = z.infer<typeof modelSchema>;
export type YoloSource = z.infer<typeof yoloSourceSchema>['yolo'];

/** The `readerStudy` block of the study file (contract: "Reader studies"). */
import { z } from 'zod';

export const readerStudySchema = z
  .object({
    data: z.string().min(1).describe('CSV of reads in long format: one row per case × reader × modality'),
    case: z.string().min(1).describe("Column of case ids (joins the case table's id column)"),
    reader: z.string().min(1).describe('Column of reader ids'),
    modality: z.string().min(1).describe('Column of modalities (e.g. unaided, AI-assisted)'),
    rating: z.string().min(1).describe('Column of ratings (higher = more likely positive)'),
    positiveFrom: z
      .number()
      .optional()
      .describe('A rating >= this is a positive call (adds sensitivity and specificity)'),
    covariance: z
      .enum(['jackknife', 'delong'])
      .default('jackknife')
      .describe('Covariance of the figures of merit: case jackknife, or DeLong (AUC only)'),
    modalities: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('The modalities in report order (default: as first read); comparisons are later − earlier'),
  })
  .strict();

export type ReaderStudySettings = z.infer<typeof readerStudySchema>;

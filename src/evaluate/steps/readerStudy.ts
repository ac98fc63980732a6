/**
 * Step 6b: the reader study, when the study file has `readerStudy`: the reads' own analysis
 * (Obuchowski–Rockette–Hillis, each standalone model against the readers), independent of
 * the models' results and changing none of them (../readerStudy.ts holds the analysis).
 */
import type { ReaderStudyResult } from '../../results/readerStudy.js';
import type { EvaluationContext } from '../context.js';
import { evaluateReaderStudy } from '../readerStudy.js';
import type { WarningLog } from '../warnings.js';

export function readerStudyStep(context: EvaluationContext, warnings: WarningLog): ReaderStudyResult | null {
  return context.study.readerStudy ? evaluateReaderStudy(context.study, context.level, warnings) : null;
}

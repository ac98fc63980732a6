/** Finding models and operating points in the results by id, as the report's tables and text need. */
import type { ModelResult, OperatingPointResult, Results } from '../results/results.js';

/** The display name of the model with this id (the id when there is none). */
export function modelName(results: Results, id: string): string {
  return results.models.find((m) => m.id === id)?.name ?? id;
}

/** The model's operating point with this id. */
export function pointOf(model: ModelResult, id: string): OperatingPointResult | undefined {
  return model.operatingPoints.find((p) => p.id === id);
}

/** The model with this id. */
export function modelById(results: Results, id: string): ModelResult | undefined {
  return results.models.find((m) => m.id === id);
}

/** The label of an operating point as the report names it. */
export function pointLabel(results: Results, id: string): string {
  for (const m of results.models) {
    const p = pointOf(m, id);
    if (p) return p.label;
  }
  return id;
}

/** The ids of the operating points, in study order. */
export function operatingPointIds(results: Results): string[] {
  const ids: string[] = [];
  for (const m of results.models) for (const p of m.operatingPoints) if (!ids.includes(p.id)) ids.push(p.id);
  return ids;
}

/** Vega-Lite spec types for building charts in pieces, and a helper for optional layers. */
import type { TopLevelSpec } from 'vega-lite';

/** One layer of a layered chart. */
export type LayerItem = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** One chart of a vertical concatenation. */
export type ConcatItem = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

/** The layers that are present (`false` for an absent one), in order. */
export function layers(...items: (LayerItem | false)[]): LayerItem[] {
  return items.filter((item): item is LayerItem => item !== false);
}

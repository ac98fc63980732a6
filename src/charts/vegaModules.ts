/**
 * vega and vega-lite, imported when the first chart is drawn rather than statically. Both are
 * ES modules whose graphs use top-level await (vega-canvas looks for the optional `canvas`
 * package), so they cannot be `require`d, and the command line's bundle is CommonJS (for V8's
 * code cache: src/cli/codeCache.ts), where a static import becomes a `require`. A dynamic
 * `import()` works in both builds.
 */
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';

export interface VegaModules {
  vega: typeof Vega;
  vegaLite: typeof VegaLite;
}

let loaded: VegaModules | undefined;

/** Imports vega and vega-lite (once). */
export async function loadVega(): Promise<VegaModules> {
  if (!loaded) {
    const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
    loaded = { vega, vegaLite };
  }
  return loaded;
}

/** vega and vega-lite, once `loadVega()` has resolved. */
export function loadedVega(): VegaModules {
  if (!loaded) throw new Error('vega is not loaded yet: await loadVega() first');
  return loaded;
}

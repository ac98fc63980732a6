/**
 * The project's WebAssembly modules (AssemblyScript under wasm/, committed as base64 by
 * scripts/build-wasm.mjs): each compiled once per thread on first use, instantiated without
 * imports. The WebAssembly API is typed locally (the project's TypeScript libraries do not
 * declare it) and is absent under `node --jitless`: there, as after a failed compile, callers
 * get null and run their JavaScript instead.
 */
import { Buffer } from 'node:buffer';

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The module in `base64`, compiled on the first call and kept; null where it cannot be. */
export function lazyModule(base64: string): () => object | null {
  let compiled: object | null | undefined;
  return () => {
    if (compiled === undefined) {
      try {
        compiled = wasmApi ? new wasmApi.Module(Buffer.from(base64, 'base64')) : null;
      } catch {
        compiled = null;
      }
    }
    return compiled;
  };
}

/** A new instance's exports, or null (no module, or it cannot be instantiated). */
export function instantiate(module: object | null): unknown {
  if (!module || !wasmApi) return null;
  try {
    return new wasmApi.Instance(module, {}).exports;
  } catch {
    return null;
  }
}

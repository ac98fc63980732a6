/**
 * zod without its generated parsers, for the command line. zod 4 compiles a parser for each
 * object schema (`new Function`) on its first synchronous parse, which pays for itself over
 * many parses; a one-shot run parses one study file once, so the compiling is pure start-up
 * cost (≈ 5–10 ms). The schemas read this setting when they are built, so program.ts imports this
 * module before any other of dxreport's. Validation and its messages are the same either way.
 */
import { z } from 'zod';

z.config({ jitless: true });

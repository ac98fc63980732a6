/**
 * User text as the report shows it (HTML, PDF, tables, chart legends and titles): bidirectional
 * and other control characters shown as visible `⟨U+202E⟩` marks, so that `‮drowssap` cannot
 * pass for "password"; text with right-to-left letters wrapped in a first-strong isolate
 * (U+2068 … U+2069, Unicode UAX #9), so that it cannot reorder the text around it; and long
 * names cut with an ellipsis, so that a 10,000-character name cannot make a figure 300,000 px
 * wide. results.json keeps the full, unaltered text: this is a display copy.
 */
import type { Results } from '../results/results.js';

/** Display limits in characters (code points): the full text stays in results.json. */
export const DISPLAY_LIMITS = {
  /** Model names, operating-point labels, subgroup columns and values. */
  name: 60,
  /** The study's title. */
  title: 200,
  /** A warning's message. */
  message: 400,
} as const;

/** Bidirectional formatting characters (UAX #9): embeddings, overrides, isolates, marks. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** Other invisible controls (C0 but tab and newline, DEL, C1). */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const OTHER_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu;
/** A strong right-to-left letter (Hebrew, Arabic, Syriac, Thaana, NKo, …, their presentation forms). */
const RIGHT_TO_LEFT =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|\uD802[\uDC00-\uDFFF]|\uD83A[\uDC00-\uDFFF]/u;

function codePointMark(character: string): string {
  return `⟨U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** `text` cut to `limit` code points, the last one an ellipsis, never splitting a surrogate pair. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text; // UTF-16 length ≥ code points: nothing to cut
  let end = 0;
  let count = 0;
  while (end < text.length && count < limit - 1) {
    end += (text.codePointAt(end) as number) > 0xffff ? 2 : 1;
    count++;
  }
  return end >= text.length ? text : `${text.slice(0, end)}…`;
}

/** User text ready for display: cut to `limit`, controls shown, right-to-left text isolated. */
export function displayText(text: string, limit: number = DISPLAY_LIMITS.name): string {
  const shown = truncate(text, limit)
    .replace(BIDI_CONTROLS, codePointMark)
    .replace(OTHER_CONTROLS, codePointMark);
  return RIGHT_TO_LEFT.test(shown) ? `\u2068${shown}\u2069` : shown;
}

/**
 * A copy of the results for the documents (HTML, PDF, figures, tables): every piece of user
 * text through `displayText`. Numbers and structure are untouched.
 */
export function displayResults(results: Results): Results {
  const name = (text: string): string => displayText(text, DISPLAY_LIMITS.name);
  return {
    ...results,
    title: displayText(results.title, DISPLAY_LIMITS.title),
    settings: { ...results.settings, positive: name(results.settings.positive) },
    input: {
      ...results.input,
      data: displayText(results.input.data, DISPLAY_LIMITS.title),
      ...(results.input.validation
        ? {
            validation: {
              ...results.input.validation,
              data: displayText(results.input.validation.data, DISPLAY_LIMITS.title),
            },
          }
        : {}),
    },
    models: results.models.map((model) => ({
      ...model,
      name: name(model.name),
      scoreColumn: name(model.scoreColumn),
      operatingPoints: model.operatingPoints.map((point) => ({ ...point, label: name(point.label) })),
    })),
    ...(results.subgroups
      ? {
          subgroups: results.subgroups.map((subgroup) => ({
            ...subgroup,
            column: name(subgroup.column),
            value: name(subgroup.value),
          })),
        }
      : {}),
    warnings: results.warnings.map((warning) => ({
      ...warning,
      message: displayText(warning.message, DISPLAY_LIMITS.message),
    })),
  };
}

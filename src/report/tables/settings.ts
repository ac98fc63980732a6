/** Table: the resolved analysis settings (reproducibility section). */
import { formatInteger, formatLevel, formatNumber } from '../../format/numbers.js';
import { textCell, textColumn } from './cells.js';
import { type Draft, type RawValue, type TableInput } from './table.js';

/** Readable names of the settings' values (the CSV keeps the study-file values). */
const SETTING_NAMES = {
  proportion: { wilson: 'Wilson score', 'clopper-pearson': 'Clopper–Pearson exact', jeffreys: 'Jeffreys' },
  mcnemar: {
    exact: 'exact (binomial)',
    midp: 'mid-p',
    chisq: 'chi-squared',
    'chisq-cc': 'chi-squared with continuity correction',
  },
  pairedDifference: { newcombe: 'Newcombe hybrid score', tango: 'Tango score' },
  bootstrapInterval: { percentile: 'percentile', bca: 'bias-corrected and accelerated (BCa)' },
};

export function settingsTable({ results }: TableInput): Draft {
  const s = results.settings;
  const named = (names: Record<string, string>, key: string) => names[key] ?? key;
  const rows: [string, string, RawValue][] = [
    ['Confidence level', formatLevel(s.level), s.level],
    ['Interval for proportions', named(SETTING_NAMES.proportion, s.proportion), s.proportion],
    ['McNemar test', named(SETTING_NAMES.mcnemar, s.mcnemar), s.mcnemar],
    [
      'Interval for paired differences',
      named(SETTING_NAMES.pairedDifference, s.pairedDifference),
      s.pairedDifference,
    ],
    ['Bootstrap replicates', formatInteger(s.bootstrap.replicates), s.bootstrap.replicates],
  ];
  if (s.bootstrap.replicates > 0) {
    rows.push(
      ['Bootstrap seed', String(s.bootstrap.seed), s.bootstrap.seed],
      ['Random number generator', s.bootstrap.rng, s.bootstrap.rng],
      ['Stratified bootstrap', s.bootstrap.stratified ? 'yes' : 'no', s.bootstrap.stratified],
      [
        'Bootstrap interval',
        named(SETTING_NAMES.bootstrapInterval, s.bootstrap.interval),
        s.bootstrap.interval,
      ],
    );
  }
  rows.push(
    [
      'Decision-curve thresholds',
      `${formatNumber(s.decisionCurve.from)} to ${formatNumber(s.decisionCurve.to)} by ${formatNumber(s.decisionCurve.by)}`,
      `${s.decisionCurve.from}:${s.decisionCurve.to}:${s.decisionCurve.by}`,
    ],
    ['Positive outcome value', s.positive, s.positive],
  );
  if (s.targetPrevalence !== undefined) {
    rows.push(['Target prevalence', formatNumber(s.targetPrevalence), s.targetPrevalence]);
  }
  return {
    stem: 'settings',
    section: 'reproducibility',
    title: 'Resolved analysis settings',
    columns: [textColumn('Setting', 'setting'), textColumn('Value', 'value')],
    rows: rows.map(([label, text, raw]) => ({ cells: [textCell(label), textCell(text, raw)] })),
    notes: [],
    narrow: true,
  };
}

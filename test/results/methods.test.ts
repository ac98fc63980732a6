// The registry of methods: every id named once, short names as the report prints them, the
// bootstrap's prose, and `withMethodName` keeping methodId beside method.
import { describe, expect, it } from 'vitest';
import {
  bootstrapMethods,
  described,
  METHOD_IDS,
  METHODS,
  methodIdsIn,
  methodShortName,
  withMethodName,
} from '../../src/results/methods.js';
import { REFERENCES } from '../../src/results/references.js';

describe('methods registry', () => {
  it('names every id once, with known references', () => {
    expect(new Set(METHOD_IDS).size).toBe(METHOD_IDS.length);
    expect(Object.keys(METHODS).sort()).toEqual([...METHOD_IDS].sort());
    for (const id of METHOD_IDS) {
      expect(METHODS[id].name.length).toBeGreaterThan(0);
      for (const key of METHODS[id].references) expect(REFERENCES[key]).toBeDefined();
    }
  });

  it('gives the short names the tables print', () => {
    expect(methodShortName('mcnemar-exact')).toBe('McNemar exact');
    expect(methodShortName('mcnemar-chisq-cc')).toBe('McNemar χ² (corrected)');
    expect(methodShortName('mcnemar-clustered')).toBe('cluster-adjusted McNemar');
    expect(methodShortName('obuchowski-paired')).toBe('Obuchowski');
    expect(methodShortName('delong-paired')).toBe('DeLong');
    expect(methodShortName('score-test-npv')).toBe('score test');
    expect(methodShortName('paired-bootstrap-test-fixed-thresholds')).toBe('bootstrap');
    expect(methodShortName('newcombe-paired')).toBe(METHODS['newcombe-paired'].name);
  });

  it('flags the bootstrap and the clustered methods', () => {
    const bootstrap = METHOD_IDS.filter((id) => METHODS[id].bootstrap);
    expect(bootstrap.every((id) => id.includes('bootstrap'))).toBe(true);
    expect(bootstrap).not.toContain('difference-only');
    expect(METHOD_IDS.filter((id) => METHODS[id].clustered).sort()).toEqual([
      'mcnemar-clustered',
      'obuchowski-logit',
      'obuchowski-paired',
      'obuchowski-wald',
      'wald-cluster-adjusted',
    ]);
  });

  it('words the bootstrap by its design', () => {
    const stratified = bootstrapMethods({
      interval: 'bca',
      stratified: true,
      clustered: false,
      replicates: 2000,
    });
    expect(stratified.interval).toEqual({
      method: 'stratified bootstrap BCa interval (2000 replicates)',
      methodId: 'bootstrap-bca',
    });
    expect(stratified.fallback.method).toBe(
      'stratified bootstrap percentile interval (2000 replicates) (BCa not defined here)',
    );
    const clustered = bootstrapMethods({
      interval: 'percentile',
      stratified: true,
      clustered: true,
      replicates: 500,
    });
    expect(clustered.pairedTestFixedThresholds).toEqual({
      method:
        'paired cluster bootstrap percentile interval (500 replicates), thresholds fixed; p by inverting the percentile interval',
      methodId: 'paired-bootstrap-test-fixed-thresholds',
    });
    expect(clustered.rederived.methodId).toBe('bootstrap-percentile-rederived');
  });

  it('puts methodId right after method', () => {
    const named = withMethodName({ method: 'loess' as const, span: 0.75 });
    expect(Object.keys(named)).toEqual(['method', 'methodId', 'span']);
    expect(named.method).toBe(described('loess').method);
  });

  it('collects the ids used anywhere in a results object', () => {
    const ids = methodIdsIn({ a: [{ ci: { methodId: 'wilson' } }], b: { methodId: 'delong-paired' } });
    expect([...ids].sort()).toEqual(['delong-paired', 'wilson']);
  });
});

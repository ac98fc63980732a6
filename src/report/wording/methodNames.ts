/**
 * Short names of test and interval methods, for table cells and running text, read back from
 * the method's prose. (To be replaced by a lookup in the results' method registry.)
 */

/** A short name of a test or interval method, for table cells and running text. */
export function shortMethodName(method: string): string {
  if (/cluster-adjusted McNemar/i.test(method)) return 'cluster-adjusted McNemar';
  if (/McNemar exact/i.test(method)) return 'McNemar exact';
  if (/McNemar mid-p/i.test(method)) return 'McNemar mid-p';
  if (/McNemar chi-squared test with continuity/i.test(method)) return 'McNemar χ² (corrected)';
  if (/McNemar chi-squared/i.test(method)) return 'McNemar χ²';
  if (/Obuchowski \(1997\)/i.test(method)) return 'Obuchowski';
  if (/DeLong/i.test(method)) return 'DeLong';
  if (/generalized score test|Kosinski/i.test(method)) return 'score test';
  if (/bootstrap/i.test(method)) return 'bootstrap';
  if (/Spiegelhalter/i.test(method)) return 'Spiegelhalter';
  return method;
}

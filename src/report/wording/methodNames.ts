/**
 * Short names of test and interval methods, for table cells and running text: looked up by the
 * method's id in the results' registry (src/results/methods.ts), never read back from its prose.
 */
export { methodShortName as shortMethodName } from '../../results/methods.js';

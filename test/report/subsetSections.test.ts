// Golden snapshots of the subgroup and validation-set sections and of the reproducibility
// section's input files, rendered for the small study of test/helpers/subsetStudy.ts (stub
// figure, so that the snapshot does not depend on the chart code): any change to these
// sections shows up as a readable diff (update deliberately with `npx vitest run -u`).
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml, type Figure } from '../../src/report/renderHtml.js';
import { buildViewModel } from '../../src/report/viewModel.js';
import { subsetResults } from '../helpers/subsetStudy.js';

const STUB: Figure = {
  name: 'subgroup-forest',
  title: 'AUC by subgroup',
  caption: 'Stub caption.',
  svg: '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><text x="2" y="14">F</text></svg>',
  section: 'subgroups',
};

function sectionOf(html: string, id: string): string {
  const match = new RegExp(`<section class="section[^"]*" id="${id}">[\\s\\S]*?</section>`).exec(html);
  if (!match) throw new Error(`no section ${id}`);
  return match[0];
}

describe('subgroup and validation-set sections', () => {
  let html: string;
  beforeAll(() => {
    html = renderHtml(buildViewModel(subsetResults(), { generatedAt: null }), [STUB]);
  });

  it('match the golden snapshot', async () => {
    const sections = ['subgroups', 'validation', 'reproducibility'].map((id) => sectionOf(html, id));
    await expect(`${sections.join('\n\n')}\n`).toMatchFileSnapshot('__snapshots__/subset-sections.html.snap');
  });

  it('come after the decision curves, in the contents too, with the figure in the subgroup section', () => {
    const at = (id: string) => html.indexOf(`id="${id}"`);
    expect(at('subgroups')).toBeGreaterThan(0);
    expect(at('validation')).toBeGreaterThan(at('subgroups'));
    expect(at('methods')).toBeGreaterThan(at('validation'));
    expect(sectionOf(html, 'subgroups')).toContain('Figure S');
    expect(html).toContain('href="#subgroups"');
    expect(html).toContain('href="#validation"');
  });

  it('say "not estimable" where a subgroup holds one outcome class, never leave it blank', () => {
    const subgroups = sectionOf(html, 'subgroups');
    expect(subgroups).toContain('not estimable');
    expect(subgroups).toContain('site: east');
  });
});

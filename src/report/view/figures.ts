/** Placing the charts in the sections they declare, numbered Figure S1, S2, … in report order. */
import { sentence } from '../../format/words.js';
import { FIGURE_SECTIONS, PAGE_PARTS } from '../structure.js';
import type { FigureInput, FigureView, SectionView, ViewModel } from './types.js';

/** Numbers figures on from `first`; a caption that opens with the title does not repeat it. */
function figureViews(figures: FigureInput[], first: number): FigureView[] {
  return figures.map((f, k) => {
    const n = first + k;
    const title = sentence(f.title);
    const caption = f.caption.trim();
    const bare = title.replace(/\.$/, '').toLowerCase();
    const repeats = bare !== '' && caption.toLowerCase().startsWith(bare);
    return {
      id: `figure-s${n}`,
      label: `Figure S${n}`,
      title: repeats ? '' : title,
      caption: repeats ? sentence(caption) : caption,
      svg: f.svg,
    };
  });
}

/**
 * A copy of the view model with the figures placed in their sections and numbered
 * (Figure S1, S2, …) in the order the report shows them. Figures without a section, or whose
 * section the report leaves out, go to a final "Figures" section.
 */
export function placeFigures(vm: ViewModel, figures: FigureInput[]): ViewModel {
  const sections: ViewModel['sections'] = { ...vm.sections };
  const bySection = new Map<string, FigureInput[]>();
  for (const f of figures) {
    const wanted = f.section;
    const key =
      wanted && wanted in sections && sections[wanted as keyof ViewModel['sections']] ? wanted : 'figures';
    bySection.set(key, [...(bySection.get(key) ?? []), f]);
  }
  let placed = 0;
  for (const id of FIGURE_SECTIONS) {
    const sec = sections[id];
    const list = bySection.get(id) ?? [];
    if (!sec) continue;
    sections[id] = { ...sec, figures: [...sec.figures, ...figureViews(list, placed + 1)] };
    placed += list.length;
  }
  const extra = figureViews(bySection.get('figures') ?? [], placed + 1);
  const contents = [...vm.contents];
  if (extra.length > 0) {
    const { id, heading } = PAGE_PARTS.figures;
    const figuresSection: SectionView = { id, heading, intro: [], blocks: [], notes: [], figures: extra };
    sections.figures = figuresSection;
    const at = contents.findIndex((c) => c.id === PAGE_PARTS.warnings.id || c.id === PAGE_PARTS.methods.id);
    contents.splice(at < 0 ? contents.length : at, 0, { id, heading });
  }
  return { ...vm, sections, contents };
}

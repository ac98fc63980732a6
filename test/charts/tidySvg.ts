/** One element per line and coordinates to 2 decimals (text untouched): a golden file that diffs well. */
export function tidySvg(svg: string): string {
  const rounded = svg.replace(/<[^>]+>/g, (tag) =>
    tag.replace(/-?\d+\.\d{3,}/g, (n) => {
      const fixed = Number(n).toFixed(2);
      return fixed === '-0.00' ? '0.00' : fixed;
    }),
  );
  return `${rounded.replace(/></g, '>\n<')}\n`;
}

/**
 * Text widths for vega's layout in Node, where the native `canvas` package is absent: the
 * advance widths of DejaVu Sans (regular and bold) in thousandths of an em, read from the
 * hmtx tables of DejaVu Sans 2.37. Without them vega guesses 0.8 em per character, which
 * makes legends and axis titles too wide, or truncated under a label limit. Kerning is
 * ignored (a few per cent at most). A character outside the table counts as 0.6 em (1 em
 * for wide scripts), so layout stays deterministic whatever fonts a machine has.
 */

const CHARACTERS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ¡¢£¤¥¦§¨©ª«¬­®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ−–—‘’“”…•·≤≥±×÷≈≠αβγδκμσχ²³√∞→←↑↓';

const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
  636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
  295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
  500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
  392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, 318, 401, 636, 636, 636, 636, 337, 500, 500, 1000,
  471, 612, 838, 361, 1000, 500, 500, 838, 401, 401, 500, 636, 636, 318, 500, 401, 471, 612, 969, 969, 969,
  531, 684, 684, 684, 684, 684, 684, 974, 698, 632, 632, 632, 632, 295, 295, 295, 295, 775, 748, 787, 787,
  787, 787, 787, 838, 787, 732, 732, 732, 732, 611, 605, 630, 613, 613, 613, 613, 613, 613, 982, 550, 615,
  615, 615, 615, 278, 278, 278, 278, 612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592,
  635, 592, 838, 500, 1000, 318, 318, 518, 518, 1000, 590, 318, 838, 838, 838, 838, 838, 838, 838, 659, 638,
  592, 612, 589, 636, 634, 578, 401, 401, 637, 833, 838, 838, 838, 838,
];

const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
  696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
  372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
  500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
  478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838, 348, 456, 696, 696, 636, 696, 365, 500, 500, 1000,
  564, 646, 838, 415, 1000, 500, 500, 838, 438, 438, 500, 736, 636, 380, 500, 438, 564, 646, 1035, 1035, 1035,
  580, 774, 774, 774, 774, 774, 774, 1085, 734, 683, 683, 683, 683, 372, 372, 372, 372, 838, 837, 850, 850,
  850, 850, 850, 838, 850, 812, 812, 812, 812, 724, 738, 719, 675, 675, 675, 675, 675, 675, 1048, 593, 678,
  678, 678, 678, 343, 343, 343, 343, 687, 712, 687, 687, 687, 687, 687, 838, 687, 712, 712, 712, 712, 652,
  716, 652, 838, 500, 1000, 380, 380, 657, 657, 1000, 639, 380, 838, 838, 838, 838, 838, 838, 838, 687, 716,
  681, 687, 710, 736, 779, 645, 438, 438, 667, 833, 838, 838, 838, 838,
];

const widths = {
  regular: new Map<number, number>(),
  bold: new Map<number, number>(),
};
Array.from(CHARACTERS).forEach((character, i) => {
  const code = character.codePointAt(0) as number;
  widths.regular.set(code, REGULAR[i] as number);
  widths.bold.set(code, BOLD[i] as number);
});

function fallbackWidth(code: number): number {
  // CJK, Hangul, full-width forms and emoji are about one em wide
  return code >= 0x1100 ? 1000 : 600;
}

/** Width in px of `text` set in DejaVu Sans at `fontSize` px. */
export function dejaVuTextWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? widths.bold : widths.regular;
  let total = 0;
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    total += table.get(code) ?? fallbackWidth(code);
  }
  return (total * fontSize) / 1000;
}

/** Whether a CSS font weight is bold (vega passes names or numbers). */
export function isBold(weight: unknown): boolean {
  if (typeof weight === 'number') return weight >= 600;
  if (typeof weight === 'string') return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
  return false;
}

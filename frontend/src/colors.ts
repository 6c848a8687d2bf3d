/**
 * Grade colours, most expensive first. Chosen to stay apart for common colour-vision deficiencies
 * and against the grey of taken seats; the grade is also in every seat's label and the legend.
 */
const PALETTE = ['#8e44ad', '#1f6fd1', '#0f9d8a', '#d9822b', '#c2185b', '#5d8c1f', '#6d4c41', '#00838f'];

export function gradeColors(grades: Array<{ name: string; price: number }>): Map<string, string> {
  const sorted = [...grades].sort((a, b) => b.price - a.price || a.name.localeCompare(b.name));
  return new Map(sorted.map((g, i) => [g.name, PALETTE[i % PALETTE.length]!]));
}

/**
 * A letter per grade, drawn in every available seat and in the legend, so the grade never rests on
 * colour alone (VIP and R look alike with deuteranopia): the grade's first letter, or its first two
 * when another grade already took that letter.
 */
export function gradeMarks(grades: Array<{ name: string; price: number }>): Map<string, string> {
  const sorted = [...grades].sort((a, b) => b.price - a.price || a.name.localeCompare(b.name));
  const used = new Set<string>();
  const marks = new Map<string, string>();
  for (const g of sorted) {
    const name = g.name.trim().toUpperCase() || '?';
    let mark = name.slice(0, 1);
    if (used.has(mark)) mark = name.slice(0, 2);
    used.add(mark);
    marks.set(g.name, mark);
  }
  return marks;
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function inkOn(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) return '#fff';
  const n = parseInt(m[1]!, 16);
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return (1.05 / (l + 0.05) >= (l + 0.05) / 0.05) ? '#fff' : '#111827';
}

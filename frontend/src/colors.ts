/**
 * Grade colours, most expensive first. Chosen to stay apart for common colour-vision deficiencies
 * and against the grey of taken seats; the grade is also in every seat's label and the legend.
 */
const PALETTE = ['#8e44ad', '#1f6fd1', '#0f9d8a', '#d9822b', '#c2185b', '#5d8c1f', '#6d4c41', '#00838f'];

export function gradeColors(grades: Array<{ name: string; price: number }>): Map<string, string> {
  const sorted = [...grades].sort((a, b) => b.price - a.price || a.name.localeCompare(b.name));
  return new Map(sorted.map((g, i) => [g.name, PALETTE[i % PALETTE.length]!]));
}

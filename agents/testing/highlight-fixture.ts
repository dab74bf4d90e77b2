import type { Highlight, HighlightSelection } from "../contracts/artifacts.ts";

/**
 * A selection of highlights over the given source ranges, for tests of what follows selection.
 *
 * @example
 * planCompilation({ selection: selectionOf([40, 50], [9, 19]) })
 */
export function selectionOf(...ranges: [start: number, end: number][]): HighlightSelection {
  const highlights: Highlight[] = ranges.map(([start, end]) => ({
    start,
    end,
    title: "t",
    summary: "s",
    keyPhrases: [],
    score: 0.5,
    chapterIndex: 0,
  }));
  return { highlights };
}

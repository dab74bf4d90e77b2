import type { Chapter, Highlight } from "../../agents/contracts/artifacts.ts";

/**
 * What every export is made from: a completed job's chapters and highlights (from its result
 * manifest) and the lecture's name, length and frame rate.
 */
export type ExportSource = {
  name: string;
  /** The uploaded file's name, which an editor relinks the EDL's events to. */
  sourceFilename: string;
  durationSeconds: number;
  /** Null for an audio-only lecture, or a manifest from before frame rates were recorded. */
  frameRate: number | null;
  chapters: Chapter[];
  highlights: Highlight[];
};

/** A chapter with the end it runs to: the next chapter's start, or the lecture's end. */
export type TimedChapter = Chapter & { end: number };

/**
 * The chapters in timeline order, each running to the next one's start.
 *
 * @example
 * timedChapters([{ start: 60, title: "B", summary: "" }, { start: 0, title: "A", summary: "" }], 120);
 * // [{ start: 0, end: 60, title: "A", … }, { start: 60, end: 120, title: "B", … }]
 */
export function timedChapters(chapters: Chapter[], durationSeconds: number): TimedChapter[] {
  const sorted = chapters.toSorted((a, b) => a.start - b.start);
  return sorted.map((chapter, i) => ({ ...chapter, end: sorted[i + 1]?.start ?? durationSeconds }));
}

/** The highlights in timeline order (the manifest keeps them in the order they were chosen). */
export function highlightsInOrder(source: Pick<ExportSource, "highlights">): Highlight[] {
  return source.highlights.toSorted((a, b) => a.start - b.start);
}

/** A title on one line: exports are line-based, and a newline in a title would start a new entry. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

import type { Sentence, SlideSegment } from "../../contracts/artifacts.ts";
import { contentTerms } from "../../shared/text.ts";
import { clamp } from "../../shared/time-ranges.ts";
import { placeOnEvidence } from "./boundary-evidence.ts";
import { lexicalBoundaries } from "./lexical-boundaries.ts";
import type { SegmentationSettings } from "./segmentation-settings.ts";

export type BoundaryInput = {
  sentences: readonly Sentence[];
  /** Slide segments, possibly empty (audio-only or a single slide). */
  slides: readonly SlideSegment[];
  durationSeconds: number;
  /** How many chapters the user asked for; "auto" lets the content decide. */
  chapters?: number | "auto";
  /** How the words alone decide; the tuned defaults when absent. */
  settings?: SegmentationSettings;
};

/** Found from the words alone, at most this many chapters per hour (and at least 3 allowed). */
export const maxAutoChaptersPerHour = 15;

const sameTitle = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.toLowerCase().replace(/\W+/g, "") === b.toLowerCase().replace(/\W+/g, "");

/**
 * Where topics change, as indices of the sentences that open a new chapter. A slide change
 * with a new title is a boundary on its own (the lecturer chose it); lexical cohesion finds
 * the others (./lexical-boundaries.ts), which then settle on the pause or cue phrase nearest
 * them. A requested chapter count is met exactly when the lecture is long enough; otherwise
 * the content decides, within `maxAutoChaptersPerHour`.
 *
 * @example
 * findTopicBoundaries({ sentences, slides, durationSeconds: 600 }) // [7, 15, 24]
 */
export function findTopicBoundaries(input: BoundaryInput): number[] {
  const { sentences, durationSeconds } = input;
  if (sentences.length < 2) return [];
  const gapTime = (i: number) => ((sentences[i - 1] as Sentence).end + (sentences[i] as Sentence).start) / 2;
  const minChapterSeconds = clamp(durationSeconds / 30, 15, 120);
  const lexical = {
    terms: sentences.map((s) => contentTerms(s.text)),
    starts: sentences.map((s) => s.start),
    end: durationSeconds,
    minChapterSeconds,
  };
  const requested = input.chapters ?? "auto";
  if (requested !== "auto") return placeOnEvidence(lexicalBoundaries(lexical, requested), sentences);
  const slideBoundaries = slideTitleChanges(input.slides, sentences, gapTime);
  const maxChapters = Math.max(3, Math.ceil((maxAutoChaptersPerHour * durationSeconds) / 3600));
  const accepted = [...slideBoundaries];
  for (const index of placeOnEvidence(lexicalBoundaries(lexical, "auto", input.settings), sentences)) {
    if (accepted.length + 1 >= Math.max(maxChapters, slideBoundaries.length + 1)) break;
    const edges = [0, durationSeconds, ...accepted.map(gapTime)];
    if (edges.every((edge) => Math.abs(edge - gapTime(index)) >= minChapterSeconds)) accepted.push(index);
  }
  return accepted.sort((a, b) => a - b);
}

/** The gaps nearest each slide change that brings a new title (within 6 s of it). */
function slideTitleChanges(
  slides: readonly SlideSegment[],
  sentences: readonly Sentence[],
  gapTime: (i: number) => number,
): number[] {
  const boundaries = new Set<number>();
  slides.slice(1).forEach((slide, index) => {
    if (sameTitle(slide.title, (slides[index] as SlideSegment).title)) return;
    let nearest = 1;
    for (let i = 2; i < sentences.length; i++) {
      if (Math.abs(gapTime(i) - slide.start) < Math.abs(gapTime(nearest) - slide.start)) nearest = i;
    }
    if (Math.abs(gapTime(nearest) - slide.start) <= 6) boundaries.add(nearest);
  });
  return [...boundaries];
}

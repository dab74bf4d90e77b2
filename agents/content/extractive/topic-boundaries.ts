import type { Sentence, SlideSegment } from "../../contracts/artifacts.ts";
import { contentTerms, cosine, countTerms } from "../../shared/text.ts";
import { clamp } from "../../shared/time-ranges.ts";
import { depthScores } from "./depth-scores.ts";

export type BoundaryInput = {
  sentences: readonly Sentence[];
  /** Slide segments, possibly empty (audio-only or a single slide). */
  slides: readonly SlideSegment[];
  durationSeconds: number;
};

const sameTitle = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.toLowerCase().replace(/\W+/g, "") === b.toLowerCase().replace(/\W+/g, "");

/**
 * Where topics change, as indices of the sentences that open a new chapter. In the spirit of
 * TextTiling, each gap between sentences is scored by how much the vocabulary on its two sides
 * differs (depth of the cohesion valley) plus the length of the pause, since lecturers pause
 * longer between topics. A slide change with a new title is a boundary on its own; text-only
 * boundaries must stand out and keep chapters from getting short.
 *
 * @example
 * findTopicBoundaries({ sentences, slides, durationSeconds: 600 }) // [7, 15, 24]
 */
export function findTopicBoundaries(input: BoundaryInput): number[] {
  const { sentences, slides, durationSeconds } = input;
  if (sentences.length < 2) return [];
  const gapTime = (i: number) => ((sentences[i - 1] as Sentence).end + (sentences[i] as Sentence).start) / 2;
  const slideBoundaries = new Set<number>();
  slides.slice(1).forEach((slide, index) => {
    if (sameTitle(slide.title, (slides[index] as SlideSegment).title)) return;
    let nearest = 1;
    for (let i = 2; i < sentences.length; i++) {
      if (Math.abs(gapTime(i) - slide.start) < Math.abs(gapTime(nearest) - slide.start)) nearest = i;
    }
    if (Math.abs(gapTime(nearest) - slide.start) <= 6) slideBoundaries.add(nearest);
  });
  const scores = gapScores(sentences);
  const minChapter = clamp(durationSeconds / 30, 15, 120);
  const threshold = slideBoundaries.size > 0 ? 1.5 : 0.5;
  const accepted = [...slideBoundaries];
  const ranked = scores
    .map((score, i) => ({ index: i + 1, score }))
    .filter((g) => g.score >= mean(scores) + threshold * deviation(scores))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  for (const gap of ranked) {
    const time = gapTime(gap.index);
    const edges = [0, durationSeconds, ...accepted.map(gapTime)];
    if (edges.every((edge) => Math.abs(edge - time) >= minChapter)) accepted.push(gap.index);
  }
  return accepted.sort((a, b) => a - b);
}

/** Score of the gap before each sentence 1…n-1: normalized cohesion depth plus pause length. */
function gapScores(sentences: readonly Sentence[]): number[] {
  const vectors = sentences.map((s) => contentTerms(s.text));
  const block = clamp(Math.round(sentences.length / 12), 2, 6);
  const cohesion: number[] = [];
  for (let i = 1; i < sentences.length; i++) {
    const left = countTerms(vectors.slice(Math.max(0, i - block), i).flat());
    const right = countTerms(vectors.slice(i, i + block).flat());
    cohesion.push(cosine(left, right));
  }
  const depth = depthScores(cohesion);
  const pauses = cohesion.map((_, k) => (sentences[k + 1] as Sentence).start - (sentences[k] as Sentence).end);
  const maxDepth = Math.max(...depth, 1e-9);
  const maxPause = Math.max(...pauses, 1e-9);
  return depth.map((d, k) => d / maxDepth + (0.7 * Math.max(0, pauses[k] as number)) / maxPause);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const deviation = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

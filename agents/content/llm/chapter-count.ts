import type { Chapter, Sentence, SlideSegment } from "../../contracts/artifacts.ts";
import { contentTerms } from "../../shared/text.ts";
import { describeChapter } from "../extractive/chapters.ts";
import { lexicalBoundaries } from "../extractive/lexical-boundaries.ts";
import { buildTermModel } from "../extractive/term-weights.ts";
import { maxAutoChaptersPerHour } from "../extractive/topic-boundaries.ts";

export type ChapterCountInput = {
  sentences: readonly Sentence[];
  slides: readonly SlideSegment[];
  durationSeconds: number;
  /** What the job asks for: "auto" bounds the model's count per hour; a number is met exactly. */
  chapters: number | "auto";
};

/**
 * Holds the model's chapters to the job's chapter option, as the extractive analyser does:
 * "auto" keeps the model's choice up to `maxAutoChaptersPerHour` (at least 3 allowed); a
 * number is met exactly when the lecture has enough sentences. Too many: the boundary whose
 * removal makes the shortest merged chapter goes (the earlier chapter's title stays). Too
 * few: the longest chapter splits at its most cohesive point by lexical cohesion, and the new
 * part is named and summarised from its own words.
 *
 * @example
 * fitChapterCount(modelChapters, { sentences, slides: [], durationSeconds: 1800, chapters: 4 }).length // 4
 */
export function fitChapterCount(chapters: readonly Chapter[], input: ChapterCountInput): Chapter[] {
  const fitted = [...chapters].sort((a, b) => a.start - b.start);
  const wanted =
    input.chapters === "auto"
      ? Math.max(3, Math.ceil((maxAutoChaptersPerHour * input.durationSeconds) / 3600))
      : input.chapters;
  while (fitted.length > Math.max(1, wanted)) fitted.splice(weakestBoundary(fitted, input.durationSeconds), 1);
  if (input.chapters === "auto") return fitted;
  while (fitted.length < wanted) {
    const split = splitLongest(fitted, input);
    if (!split) break;
    fitted.splice(split.after + 1, 0, split.chapter);
  }
  return fitted;
}

/** The index (≥ 1) of the chapter whose start, removed, leaves the shortest merged chapter. */
function weakestBoundary(chapters: readonly Chapter[], durationSeconds: number): number {
  let weakest = 1;
  let shortest = Number.POSITIVE_INFINITY;
  for (let j = 1; j < chapters.length; j++) {
    const merged = (chapters[j + 1]?.start ?? durationSeconds) - (chapters[j - 1] as Chapter).start;
    if (merged < shortest) {
      shortest = merged;
      weakest = j;
    }
  }
  return weakest;
}

function splitLongest(chapters: readonly Chapter[], input: ChapterCountInput) {
  const spans = chapters.map((chapter, i) => {
    const end = chapters[i + 1]?.start ?? input.durationSeconds;
    return {
      i,
      length: end - chapter.start,
      sentences: input.sentences.filter((s) => s.start >= chapter.start && s.start < end),
    };
  });
  const longest = spans.filter((s) => s.sentences.length >= 2).sort((a, b) => b.length - a.length)[0];
  if (!longest) return null;
  const { sentences } = longest;
  const [cut] = lexicalBoundaries(
    {
      terms: sentences.map((s) => contentTerms(s.text)),
      starts: sentences.map((s) => s.start),
      end: (sentences.at(-1) as Sentence).end,
      minChapterSeconds: 0,
    },
    2,
  );
  if (cut === undefined || cut < 1) return null;
  const model = buildTermModel(spans.map((span) => span.sentences.map((s) => s.text).join(" ")));
  return { after: longest.i, chapter: describeChapter(sentences.slice(cut), input.slides, model) };
}

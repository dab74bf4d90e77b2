import type { Chapter, Sentence, SlideSegment } from "../../contracts/artifacts.ts";
import { titleCase, truncateWords } from "../../shared/text.ts";
import { slideAt } from "./salience.ts";
import { type TermModel, topTerms } from "./term-weights.ts";

/** A chapter as a run of sentences [first, end). */
export type ChapterSpan = { first: number; end: number };

/** Turns boundary indices into spans covering all sentences. */
export function chapterSpans(sentenceCount: number, boundaries: readonly number[]): ChapterSpan[] {
  const starts = [0, ...boundaries];
  return starts.map((first, i) => ({ first, end: starts[i + 1] ?? sentenceCount }));
}

/**
 * Names a chapter: the title of the slide on screen when it starts (slide titles are what the
 * lecturer chose), else its weightiest terms. The summary is the slide's bullets when there
 * are any, else the chapter's first sentences.
 *
 * @example
 * describeChapter(sentences.slice(0, 6), slides, model) // { start: 0, title: "Why Rates of Change Matter", summary: "Velocity is a rate of change; …" }
 */
export function describeChapter(
  sentences: readonly Sentence[],
  slides: readonly SlideSegment[],
  model: TermModel,
): Chapter {
  const first = sentences[0];
  const start = first?.start ?? 0;
  const slide = slideAt(slides, start + 0.5);
  const text = sentences.map((s) => s.text).join(" ");
  const title = slide?.title ?? (titleCase(topTerms(text, model, 3).join(" ")) || "Introduction");
  const bullets = (slide?.text ?? "")
    .split("\n")
    .filter((line) => line !== slide?.title && !(slide?.title ?? "").includes(line));
  const summary = bullets.length > 0 ? bullets.join("; ") : text;
  return { start, title: truncateWords(title, 80), summary: truncateWords(summary, 200) };
}

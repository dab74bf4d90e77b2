import type { Chapter, Sentence, SlideSegment } from "../../contracts/artifacts.ts";
import { truncateWords } from "../../shared/text.ts";
import { chapterTitles } from "./chapter-titles.ts";
import { clearestSentences } from "./clear-sentences.ts";
import { slideAt } from "./salience.ts";
import type { TermModel } from "./term-weights.ts";

/** A chapter as a run of sentences [first, end). */
export type ChapterSpan = { first: number; end: number };

/** Turns boundary indices into spans covering all sentences. */
export function chapterSpans(sentenceCount: number, boundaries: readonly number[]): ChapterSpan[] {
  const starts = [0, ...boundaries];
  return starts.map((first, i) => ({ first, end: starts[i + 1] ?? sentenceCount }));
}

/**
 * Names a chapter: the title of the slide on screen when it starts (slide titles are what the
 * lecturer chose), else `spokenTitle` (see `chapterTitles`; by default the chapter is named as
 * if it were the whole lecture). The summary is the slide's bullets when there are any, else
 * its clearest whole sentences.
 *
 * @example
 * describeChapter(sentences.slice(0, 6), slides, model) // { start: 0, title: "Why Rates of Change Matter", summary: "Velocity is a rate of change; …" }
 * describeChapter(sentences.slice(6, 20), [], model) // { start: 61.2, title: "Center of mass frame", summary: "The momentum in the center of mass frame is zero." }
 */
export function describeChapter(
  sentences: readonly Sentence[],
  slides: readonly SlideSegment[],
  model: TermModel,
  spokenTitle: string | null = chapterTitles([sentences], model)[0] ?? null,
): Chapter {
  const first = sentences[0];
  const start = first?.start ?? 0;
  const slide = slideAt(slides, start + 0.5);
  const title = slide?.title ?? spokenTitle ?? "Introduction";
  const bullets = slideBullets(slide);
  const summary =
    bullets.length > 0 ? truncateWords(bullets.join("; "), 200) : clearestSentences(sentences, model, 200);
  return { start, title: truncateWords(title, 80), summary };
}

/** The lines of a slide below its title. */
export function slideBullets(slide: SlideSegment | undefined): string[] {
  return (slide?.text ?? "")
    .split("\n")
    .filter((line) => line && line !== slide?.title && !(slide?.title ?? "").includes(line));
}

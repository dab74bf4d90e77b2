import type { Chapter, ContentAnalysis, Sentence } from "../../contracts/artifacts.ts";
import { type ContentAnalyser, type ContentInput, defaultClipSeconds } from "../analyser.ts";
import { snapChapters } from "../snap.ts";
import { chapterCandidates } from "./candidates.ts";
import { chapterTitles } from "./chapter-titles.ts";
import { chapterSpans, describeChapter } from "./chapters.ts";
import { sentenceSalience } from "./salience.ts";
import type { SegmentationSettings } from "./segmentation-settings.ts";
import { buildTermModel } from "./term-weights.ts";
import { findTopicBoundaries } from "./topic-boundaries.ts";

/**
 * The offline analyser: chapters by lexical cohesion guided by slide changes, titles from the
 * slides, candidates from salient sentences. Deterministic and free.
 *
 * @example
 * const analysis = await createExtractiveAnalyser().analyse({ durationSeconds, transcript, layout });
 */
export function createExtractiveAnalyser(
  options: { candidatesPerChapter?: number; segmentation?: SegmentationSettings } = {},
): ContentAnalyser {
  return {
    backend: "extractive",
    analyse: async (input) => analyseExtractively(input, options.candidatesPerChapter ?? 2, options.segmentation),
  };
}

function analyseExtractively(
  input: ContentInput,
  perChapter: number,
  segmentation: SegmentationSettings | undefined,
): ContentAnalysis {
  const sentences = input.transcript.sentences.filter((s) => s.end > s.start || s.words.length > 0);
  const slides = input.layout?.segments ?? [];
  const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  if (sentences.length === 0) return { backend: "extractive", chapters: slideChapters(input), candidates: [], usage };
  const spans = chapterSpans(
    sentences.length,
    findTopicBoundaries({
      sentences,
      slides,
      durationSeconds: input.durationSeconds,
      chapters: input.chapters,
      settings: segmentation,
    }),
  );
  const model = buildTermModel(spans.map((span) => textOf(sentences.slice(span.first, span.end))));
  const salience = sentenceSalience(sentences, slides, model);
  const clip = input.clipSeconds ?? defaultClipSeconds;
  const settings = { targetSeconds: clip.min + 0.3 * (clip.max - clip.min), perChapter, slides };
  const titles = chapterTitles(
    spans.map((span) => sentences.slice(span.first, span.end)),
    model,
  );
  const chapters: Chapter[] = [];
  const candidates = spans.flatMap((span, i) => {
    const chapter = describeChapter(sentences.slice(span.first, span.end), slides, model, titles[i] ?? null);
    chapters.push(chapter);
    return chapterCandidates(span, sentences, salience, chapter, model, settings);
  });
  const snapped = snapChapters(chapters, sentences, input.durationSeconds);
  return { backend: "extractive", chapters: snapped, candidates: candidates.sort((a, b) => a.start - b.start), usage };
}

/** Without speech, the slides still give chapters; without slides, one chapter. */
function slideChapters(input: ContentInput): Chapter[] {
  const titled = (input.layout?.segments ?? []).filter(
    (s, i, all) => i === 0 || s.title === null || s.title !== all[i - 1]?.title,
  );
  if (titled.length === 0) return [{ start: 0, title: input.title ?? "Lecture", summary: "" }];
  return titled.map((s, i) => ({
    start: i === 0 ? 0 : s.start,
    title: s.title ?? `Part ${i + 1}`,
    summary: (s.text ?? "").split("\n").slice(1).join("; "),
  }));
}

const textOf = (sentences: readonly Sentence[]) => sentences.map((s) => s.text).join(" ");

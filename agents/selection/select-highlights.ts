import type {
  Chapter,
  ContentAnalysis,
  HighlightCandidate,
  HighlightSelection,
  TimeRange,
  Transcript,
} from "../contracts/artifacts.ts";
import { contentTerms } from "../shared/text.ts";
import { type ClipLimits, fitClip } from "./fit-clip.ts";
import { type HighlightLimits, highlightLimits } from "./lecture-defaults.ts";

export type SelectionInput = {
  durationSeconds: number;
  analysis: ContentAnalysis;
  transcript: Transcript;
  /** Pauses from the silence agent, so cuts land in silence; optional. */
  pauses?: TimeRange[];
  /** The job's limits; those left out scale with the lecture (./lecture-defaults.ts). */
  options: Partial<HighlightLimits>;
};

type Fitted = HighlightCandidate & { chapterIndex: number; terms: Set<string> };

const minGapSeconds = 1;

/**
 * Chooses the final highlights: candidates are fitted to whole sentences within the clip
 * length range, then taken from the chapters used least so far, best first within them (every
 * topic gets one before any gets a second), skipping overlaps and near-duplicates, until
 * `highlightCount` clips are chosen or the reel is full; a clip that would overflow the reel is
 * shortened if it can be. Deterministic; returned in timeline order.
 *
 * @example
 * selectHighlights({ durationSeconds, analysis, transcript, pauses, options: JobOptions.parse({}) }).highlights
 */
export function selectHighlights(input: SelectionInput): HighlightSelection {
  const options = highlightLimits(input.options, input.durationSeconds);
  const maxSeconds = Math.min(options.clipMaxSeconds, options.reelMaxSeconds);
  const limits: ClipLimits = {
    minSeconds: Math.min(options.clipMinSeconds, maxSeconds),
    maxSeconds,
    durationSeconds: input.durationSeconds,
    pauses: input.pauses,
  };
  const sentences = input.transcript.sentences;
  let pool = input.analysis.candidates
    .map((c) => ({ candidate: c, fitted: fitClip(c, sentences, limits) }))
    .flatMap(({ candidate, fitted }) => (fitted ? [toFitted(candidate, fitted, input.analysis.chapters)] : []));
  const chosen: Fitted[] = [];
  const chapterUse = new Map<number, number>();
  let reelLeft = options.reelMaxSeconds;
  while (chosen.length < options.highlightCount && pool.length > 0) {
    const uses = (f: Fitted) => chapterUse.get(f.chapterIndex) ?? 0;
    const ranked = [...pool].sort((a, b) => uses(a) - uses(b) || b.score - a.score || a.start - b.start);
    const next = ranked
      .map((f) => shortenToFit(f, reelLeft, sentences, limits))
      .find((f) => f && compatible(f, chosen));
    if (!next) break;
    chosen.push(next);
    chapterUse.set(next.chapterIndex, (chapterUse.get(next.chapterIndex) ?? 0) + 1);
    reelLeft -= next.end - next.start;
    pool = pool.filter((f) => f.start !== next.start || f.title !== next.title);
  }
  return {
    highlights: chosen
      .sort((a, b) => a.start - b.start)
      .map(({ terms: _terms, reason: _reason, ...highlight }) => highlight),
  };
}

function toFitted(candidate: HighlightCandidate, range: TimeRange, chapters: readonly Chapter[]): Fitted {
  const chapterIndex = Math.max(
    0,
    chapters.findLastIndex((c) => c.start <= range.start + 0.5),
  );
  const terms = new Set(contentTerms(`${candidate.keyPhrases.join(" ")} ${candidate.summary}`));
  return { ...candidate, ...range, chapterIndex, terms };
}

function shortenToFit(f: Fitted, reelLeft: number, sentences: Transcript["sentences"], limits: ClipLimits) {
  if (f.end - f.start <= reelLeft) return f;
  if (reelLeft < limits.minSeconds) return null;
  const shorter = fitClip(f, sentences, { ...limits, maxSeconds: reelLeft });
  return shorter && shorter.end - shorter.start <= reelLeft ? { ...f, ...shorter } : null;
}

function compatible(f: Fitted, chosen: readonly Fitted[]): boolean {
  return chosen.every((c) => {
    const apart = f.end + minGapSeconds <= c.start || c.end + minGapSeconds <= f.start;
    const shared = [...f.terms].filter((t) => c.terms.has(t)).length;
    const nearDuplicate = shared / Math.max(1, Math.min(f.terms.size, c.terms.size)) > 0.8 && f.terms.size >= 3;
    return apart && !nearDuplicate;
  });
}

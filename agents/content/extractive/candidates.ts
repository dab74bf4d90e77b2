import type { Chapter, HighlightCandidate, Sentence } from "../../contracts/artifacts.ts";
import { titleCase, truncateWords } from "../../shared/text.ts";
import type { ChapterSpan } from "./chapters.ts";
import type { SentenceSalience } from "./salience.ts";
import { type TermModel, topTerms } from "./term-weights.ts";

export type CandidateSettings = { targetSeconds: number; perChapter: number };

/**
 * Highlight candidates of one chapter: its most salient sentences, each grown into a window
 * of neighbouring sentences (towards the more salient side) until it lasts `targetSeconds` or
 * fills the chapter. Windows never overlap; a window's score blends its seed and its mean.
 *
 * @example
 * chapterCandidates({ first: 0, end: 8 }, sentences, salience, chapter, model, { targetSeconds: 40, perChapter: 2 })
 */
export function chapterCandidates(
  span: ChapterSpan,
  sentences: readonly Sentence[],
  salience: readonly SentenceSalience[],
  chapter: Chapter,
  model: TermModel,
  settings: CandidateSettings,
): HighlightCandidate[] {
  const taken = new Set<number>();
  const seeds = range(span.first, span.end).sort(
    (a, b) => (salience[b] as SentenceSalience).score - (salience[a] as SentenceSalience).score || a - b,
  );
  const candidates: HighlightCandidate[] = [];
  for (const seed of seeds) {
    if (candidates.length >= settings.perChapter) break;
    if (taken.has(seed)) continue;
    let [from, to] = [seed, seed];
    const free = (i: number) => i >= span.first && i < span.end && !taken.has(i);
    const seconds = () => (sentences[to] as Sentence).end - (sentences[from] as Sentence).start;
    while (seconds() < settings.targetSeconds) {
      const before = free(from - 1) ? (salience[from - 1] as SentenceSalience).score : -1;
      const after = free(to + 1) ? (salience[to + 1] as SentenceSalience).score : -1;
      if (before < 0 && after < 0) break;
      if (after >= before) to++;
      else from--;
    }
    for (const i of range(from, to + 1)) taken.add(i);
    candidates.push(describeWindow(from, to, seed, sentences, salience, chapter, model));
  }
  return candidates;
}

function describeWindow(
  from: number,
  to: number,
  seed: number,
  sentences: readonly Sentence[],
  salience: readonly SentenceSalience[],
  chapter: Chapter,
  model: TermModel,
): HighlightCandidate {
  const window = sentences.slice(from, to + 1);
  const scores = salience.slice(from, to + 1);
  const seedSalience = salience[seed] as SentenceSalience;
  const meanScore = scores.reduce((sum, s) => sum + s.score, 0) / scores.length;
  const text = window.map((s) => s.text).join(" ");
  const slideTerms = [...new Set(scores.flatMap((s) => s.slideTerms))];
  const keyPhrases = [...new Set([...slideTerms, ...topTerms(text, model, 5)])].slice(0, 5);
  const cue = scores.find((s) => s.cue)?.cue;
  const reasons = [
    cue ? `cue phrase "${cue}"` : null,
    slideTerms.length > 0 ? `matches the slide (${slideTerms.slice(0, 3).join(", ")})` : null,
    `salient terms: ${topTerms(text, model, 3).join(", ")}`,
  ];
  return {
    start: (window[0] as Sentence).start,
    end: (window.at(-1) as Sentence).end,
    title: truncateWords(chapter.title || titleCase(keyPhrases.slice(0, 3).join(" ")), 80),
    summary: truncateWords((sentences[seed] as Sentence).text, 200),
    keyPhrases,
    score: Math.round(Math.min(1, 0.6 * seedSalience.score + 0.4 * meanScore) * 1000) / 1000,
    reason: reasons.filter(Boolean).join("; "),
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

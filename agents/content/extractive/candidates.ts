import type { Chapter, HighlightCandidate, Sentence, SlideSegment } from "../../contracts/artifacts.ts";
import { contentTerms, truncateWords, words } from "../../shared/text.ts";
import { type ChapterSpan, slideBullets } from "./chapters.ts";
import { clearestSentences } from "./clear-sentences.ts";
import { isNameable, saidAsNoun } from "./noun-phrases.ts";
import { type SentenceSalience, slideAt } from "./salience.ts";
import { spokenWords, tidySentence } from "./spoken-words.ts";
import { type TermModel, topTerms } from "./term-weights.ts";
import { sentenceClasses } from "./word-classes.ts";

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
  settings: CandidateSettings & { slides: readonly SlideSegment[] },
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
    candidates.push(describeWindow({ from, to, seed }, sentences, salience, chapter, model, settings.slides));
  }
  return candidates;
}

function describeWindow(
  { from, to, seed }: { from: number; to: number; seed: number },
  sentences: readonly Sentence[],
  salience: readonly SentenceSalience[],
  chapter: Chapter,
  model: TermModel,
  slides: readonly SlideSegment[],
): HighlightCandidate {
  const window = sentences.slice(from, to + 1);
  const scores = salience.slice(from, to + 1);
  const seedSalience = salience[seed] as SentenceSalience;
  const meanScore = scores.reduce((sum, s) => sum + s.score, 0) / scores.length;
  const seedSentence = sentences[seed] as Sentence;
  const slide = slideAt(slides, (seedSentence.start + seedSentence.end) / 2);
  // Key phrases come from the slide (OCR is cleaner), else from nouns the recognizer was sure
  // of; on a slide with bullets, speech matching none of its words is more likely misheard than
  // new, however sure the recognizer was ("integrals" heard as "girls").
  const confident = window.flatMap((s) => spokenWords(s).filter((w) => w !== null)).join(" ");
  const slideTerms = [...new Set(scores.flatMap((s) => s.slideTerms))];
  const bullets = slideBullets(slide);
  const spokenTerms = topTerms(confident, model, 10).filter(isNameable);
  const classes = sentenceClasses();
  const everywhere = window.map((_, i) => i);
  const otherTerms =
    bullets.length > 0
      ? slideTerms.length === 0
        ? slideWords(bullets, model)
        : []
      : spokenTerms.filter((term) => saidAsNoun(term, window, everywhere, classes));
  const keyPhrases = [...new Set([...slideTerms, ...otherTerms])].slice(0, 5);
  const cue = scores.find((s) => s.cue)?.cue;
  const reasons = [
    cue ? `cue phrase "${cue}"` : null,
    slideTerms.length > 0 ? `matches the slide (${slideTerms.slice(0, 3).join(", ")})` : null,
    `salient terms: ${spokenTerms.slice(0, 3).join(", ")}`,
  ];
  const bullet = matchingBullet(window, slide);
  return {
    start: (window[0] as Sentence).start,
    end: (window.at(-1) as Sentence).end,
    title: truncateWords(chapter.title, 80),
    // Slide text reads better than offline speech; a clip with no clear sentence of its own says
    // what its slide says, else what its chapter is about.
    summary:
      bullet ??
      (clearestSentences(window, model, 200) ||
        truncateWords(bullets.map(tidySentence).join(" "), 200) ||
        chapter.summary),
    keyPhrases,
    score: Math.round(Math.min(1, 0.6 * seedSalience.score + 0.4 * meanScore) * 1000) / 1000,
    reason: reasons.filter(Boolean).join("; "),
  };
}

/** The slide bullet sharing the most terms with the clip (OCR text reads better than offline speech). */
function matchingBullet(window: readonly Sentence[], slide: SlideSegment | undefined): string | null {
  const spoken = new Set(window.flatMap((s) => contentTerms(s.text)));
  let best: { bullet: string; shared: number } | null = null;
  for (const bullet of slideBullets(slide)) {
    const shared = new Set(contentTerms(bullet).filter((t) => spoken.has(t))).size;
    if (shared > 0 && (!best || shared > best.shared)) best = { bullet, shared };
  }
  return best ? tidySentence(best.bullet) : null;
}

/** The three rarest content words of a slide's bullets, as written. */
function slideWords(bullets: readonly string[], model: TermModel): string[] {
  const written = [...new Set(words(bullets.join(" ")))].filter((w) => contentTerms(w).length > 0 && isNameable(w));
  const idf = (w: string) => model.idf(contentTerms(w)[0] as string);
  return written.sort((a, b) => idf(b) - idf(a)).slice(0, 3);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

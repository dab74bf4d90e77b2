import type { Sentence } from "../../contracts/artifacts.ts";
import { contentTerms, countTerms } from "../../shared/text.ts";
import { spokenWords, tidySentence, wordConfidence } from "./spoken-words.ts";
import type { TermModel } from "./term-weights.ts";

/** A sentence worth quoting says something whole: neither an aside nor a run-on. */
const wordRange = { min: 6, max: 40 };
/** At most this share of a quoted sentence's words may be ones the recognizer was unsure of. */
const maxUnsureShare = 0.1;

/**
 * A summary of whole sentences: the chapter's clearest ones (most central to its vocabulary,
 * weighted by how sure the recognizer was of their words, statements rather than questions),
 * as many as fit in `maxChars`, in the order spoken. Never a fragment: when no sentence fits,
 * the shortest clear one is used whole. A sentence with more than one word in ten the
 * recognizer was unsure of is never quoted ("the rebut that defined as the…" reads as noise):
 * empty when the chapter has no quotable sentence, so callers fall back to the slide's text.
 *
 * @example
 * clearestSentences(sentences, model, 200) // "Momentum is conserved in every collision. Kinetic energy is not."
 */
export function clearestSentences(sentences: readonly Sentence[], model: TermModel, maxChars: number): string {
  const chapterTerms = countTerms(sentences.flatMap((s) => contentTerms(s.text)));
  const scored = sentences
    .map((sentence, order) => {
      const terms = [...new Set(contentTerms(sentence.text))];
      const length = sentence.text.split(/\s+/).length;
      const centrality =
        terms.reduce((sum, t) => sum + Math.log(1 + (chapterTerms.get(t) ?? 0)) * model.idf(t), 0) /
        Math.sqrt(Math.max(1, length));
      const spoken = spokenWords(sentence);
      const unsureShare = spoken.filter((w) => w === null).length / Math.max(1, spoken.length);
      const quotable =
        length >= wordRange.min &&
        length <= wordRange.max &&
        unsureShare <= maxUnsureShare &&
        !/\?\s*$/.test(sentence.text);
      return { order, text: tidySentence(sentence.text), quotable, score: centrality * wordConfidence(sentence) ** 2 };
    })
    .filter((s) => s.quotable && s.text)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const chosen: typeof scored = [];
  let length = 0;
  for (const candidate of scored) {
    if (length + candidate.text.length + (chosen.length > 0 ? 1 : 0) > maxChars) continue;
    chosen.push(candidate);
    length += candidate.text.length + 1;
    if (chosen.length === 2) break;
  }
  if (chosen.length === 0 && scored.length > 0) {
    chosen.push([...scored].sort((a, b) => a.text.length - b.text.length)[0] as (typeof scored)[number]);
  }
  return chosen
    .sort((a, b) => a.order - b.order)
    .map((s) => s.text)
    .join(" ");
}

import type { Sentence } from "../../contracts/artifacts.ts";
import { words } from "../../shared/text.ts";

/** Below this posterior, pocketsphinx's word is more often wrong than right. */
export const confidentWord = 0.5;

/**
 * A sentence's words as spoken, lowercase, with the words the recognizer was unsure of
 * replaced by null (so phrases never run across them). Transcribers' notes ("(multiple
 * conversations; inaudible)", "[writes on board]") and speaker labels ("LEWIN :") are not
 * speech and are dropped the same way, even when spread over several words. Without word
 * timings, the text's words.
 *
 * @example
 * spokenWords({ text: "the chain rule", words: [{ text: "the", confidence: 0.9 }, { text: "chain", confidence: 0.2 }, …] })
 * // ["the", null, "rule"]
 */
export function spokenWords(sentence: Sentence): (string | null)[] {
  if (sentence.words.length === 0) return words(speechOf(sentence.text));
  const texts = speechOf(sentence.words.map((w) => w.text.replace(/\s/g, "")).join(" ")).split(" ");
  return sentence.words.flatMap((w, i) => {
    const tokens = words(w.text);
    const spoken = words(texts[i] ?? "");
    return w.confidence >= confidentWord && spoken.length === tokens.length ? tokens : tokens.map(() => null);
  });
}

/** The text with transcribers' notes and speaker labels blanked out, keeping its spaces so its words line up. */
const speechOf = (text: string) =>
  text.replace(/\([^)]*\)|\[[^\]]*\]|\b[A-Z]{2,}(?: [A-Z]{2,})* ?:(?!\d)/g, (note) => note.replace(/\S/g, "_"));

/** Mean word confidence of a sentence (its own confidence without word timings). */
export function wordConfidence(sentence: Sentence): number {
  if (sentence.words.length === 0) return sentence.confidence;
  return sentence.words.reduce((sum, w) => sum + w.confidence, 0) / sentence.words.length;
}

/**
 * A transcript sentence as a person would write it: no space before punctuation ("let 's",
 * "mass ,"), a capital first letter and a full stop at the end.
 *
 * @example
 * tidySentence("so now let 's look at the frame ,") // "So now let's look at the frame."
 */
export function tidySentence(text: string): string {
  const joined = text
    .replace(/\s+([,.;:!?)]|'[a-z]|n't)/gi, "$1")
    .replace(/\(\s+/g, "(")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s,;:-]+$/, "");
  if (!joined) return "";
  const capital = joined[0]?.toUpperCase() + joined.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

import type { Sentence } from "../../contracts/artifacts.ts";
import { contentTerms, stem } from "../../shared/text.ts";
import { spokenWords } from "./spoken-words.ts";
import type { TermModel } from "./term-weights.ts";

// Words that are content to a term model but not what a topic is called: verbs, adverbs,
// vague nouns and fillers a lecturer says all the time.
const notNouns = new Set(
  (
    "also always another anything around back call called can't come comes course different does done doing " +
    "don't else even ever every example find first give given goes going good gone great happen happens hear " +
    "here's however just keep know last least let's like little look looks lot make makes many mean means " +
    "might much must need never next nice now number obviously often okay once part people pretty probably " +
    "put question quite rather really remember right said same saw see seen show something sometimes start " +
    "still sure take talk tell that's thing think time today told tomorrow true try turn two understand use " +
    "used want way week well what's whatever whole work works write yes yet you're zero"
  ).split(" "),
);
const joiners = new Set(["of"]);

/**
 * A chapter's name in its own words: the phrase of one to three content words (or "X of Y")
 * that weighs most in it: occurrences × the summed idf of its terms, so a phrase the lecturer
 * repeats and only says here wins over a common word. Phrases never contain a word the
 * recognizer was unsure of. Returned in sentence case; null when nothing qualifies.
 *
 * @example
 * topicPhrase(sentences, model) // "Center of mass frame"
 */
export function topicPhrase(sentences: readonly Sentence[], model: TermModel): string | null {
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    for (const phrase of phrasesOf(spokenWords(sentence))) counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  }
  const casing = writtenForms(sentences);
  let best: { phrase: string; weight: number } | null = null;
  for (const [phrase, count] of counts) {
    const weight = count * contentTerms(phrase).reduce((sum, term) => sum + model.idf(term), 0);
    if (count > 1 || counts.size < 5) {
      if (!best || weight > best.weight || (weight === best.weight && phrase < best.phrase)) best = { phrase, weight };
    }
  }
  return best ? sentenceCase(best.phrase.replace(/[a-z0-9']+/g, (w) => casing.get(w) ?? w)) : null;
}

/**
 * Whether a word can be part of a topic's name: not a stop word, verb, adverb or filler, and
 * not a contraction ("they're").
 */
export function isNameable(word: string | null): word is string {
  return (
    word !== null &&
    word.length > 2 &&
    !word.includes("'") &&
    !notNouns.has(word) &&
    !/ly$/.test(word) &&
    contentTerms(word).length > 0
  );
}

/** Words the transcript writes in capitals (DPLL, Newton) inside sentences, by their lowercase form. */
function writtenForms(sentences: readonly Sentence[]): Map<string, string> {
  const forms = new Map<string, string>();
  for (const sentence of sentences) {
    for (const word of sentence.text.split(/\s+/).slice(1)) {
      if (/^[A-Z][A-Za-z0-9]+$/.test(word)) forms.set(word.toLowerCase(), word);
    }
  }
  return forms;
}

/** Every run of up to three nameable words (with "of" allowed between two of them). */
function phrasesOf(tokens: readonly (string | null)[]): string[] {
  const nameable = isNameable;
  const phrases: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!nameable(tokens[i] ?? null)) continue;
    const run: string[] = [];
    for (let j = i; j < tokens.length && run.filter((w) => !joiners.has(w)).length < 3; j++) {
      const token = tokens[j] ?? null;
      const joins = token !== null && joiners.has(token) && nameable(tokens[j + 1] ?? null) && run.length > 0;
      if (!nameable(token) && !joins) break;
      run.push(token as string);
      if (!joiners.has(token as string)) phrases.push(run.join(" "));
    }
  }
  return phrases.filter((p) => new Set(p.split(" ").map(stem)).size === p.split(" ").length);
}

/** "center of mass frame" → "Center of mass frame". */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import nlp from "compromise";
import type { Sentence } from "../../contracts/artifacts.ts";
import { words } from "../../shared/text.ts";

/** What a word is in its sentence, as far as naming a topic goes. */
export type WordClass = "noun" | "adjective" | "verb" | "number" | "other";

/** A sentence's words as `words` splits them, each with its class in that sentence. */
export type ClassedWord = { word: string; wordClass: WordClass };

type Term = { text: string; tags: string[] };

/**
 * The word classes of a sentence's text, tagged in context by compromise (so "the proof" is a
 * noun and "we prove" a verb, "optimal" an adjective, "divided" a participle). Words come out
 * as `words` splits them, so they line up with the phrases built from those words.
 *
 * @example
 * wordClasses("we prove the lemma") // [{ word: "we", wordClass: "other" }, { word: "prove", wordClass: "verb" }, …, { word: "lemma", wordClass: "noun" }]
 */
export function wordClasses(text: string): ClassedWord[] {
  const sentences = nlp(text).json({ terms: { tags: true } }) as { terms: Term[] }[];
  return sentences.flatMap(({ terms }) =>
    terms.flatMap((term) => words(term.text).map((word) => ({ word, wordClass: classOf(term.tags) }))),
  );
}

function classOf(tags: readonly string[]): WordClass {
  if (tags.includes("Value")) return "number";
  if (tags.includes("Noun") && !tags.includes("Pronoun")) return "noun";
  if (tags.includes("Adjective")) return "adjective";
  if (tags.includes("Verb")) return "verb";
  return "other";
}

/**
 * Word classes per sentence, each sentence tagged once and only when asked (tagging a whole
 * lecture costs about as much as the rest of its analysis).
 *
 * @example
 * const classes = sentenceClasses(); classes(sentence) // tags it; classes(sentence) again is free
 */
export function sentenceClasses(): (sentence: Sentence) => ClassedWord[] {
  const cache = new WeakMap<Sentence, ClassedWord[]>();
  return (sentence) => {
    const known = cache.get(sentence);
    if (known) return known;
    const classed = wordClasses(sentence.text);
    cache.set(sentence, classed);
    return classed;
  };
}

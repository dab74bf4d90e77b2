import type { Sentence } from "../../contracts/artifacts.ts";
import { contentTerms } from "../../shared/text.ts";
import {
  canName,
  fragmentsOf,
  joiners,
  lexiconOf,
  phraseOccurrences,
  saidAsNoun,
  sentenceCase,
} from "./noun-phrases.ts";
import type { TermModel } from "./term-weights.ts";
import { sentenceClasses } from "./word-classes.ts";

/** A chapter is cut in this many equal runs of sentences to tell a topic from a passing example. */
const parts = 4;
/** Each word past the first adds this share, so "Value function" beats the "Value" it contains. */
const perExtraWord = 0.25;

/**
 * Names each chapter of a lecture in its own words: the phrase of one to three content words
 * (or "X of Y") that is frequent in the chapter, said mostly there rather than all through the
 * lecture (tf-idf over chapters), recurs across the chapter instead of in one passing example,
 * and is not mostly said as part of a longer phrase. Frequency counts sublinearly and each
 * extra word adds weight, so a phrase wins over the single word it contains unless that word
 * is far more common. No two chapters share a title: a chapter whose best phrase names another
 * chapter better takes its next best. Sentence case; null for a chapter with nothing nameable.
 *
 * @example
 * chapterTitles([collisions, pulleys, orbits], model) // ["Collision", "Pulley", "Total energy"]
 */
export function chapterTitles(chapters: readonly (readonly Sentence[])[], model: TermModel): (string | null)[] {
  const occurrences = chapters.map(phraseOccurrences);
  const inLecture = new Map<string, number>();
  for (const chapter of occurrences) {
    for (const [phrase, at] of chapter) inLecture.set(phrase, (inLecture.get(phrase) ?? 0) + at.length);
  }
  const lexicon = lexiconOf(chapters.flat());
  const ranked = occurrences
    .flatMap((chapter, index) => {
      const fragments = fragmentsOf(chapter);
      return [...chapter]
        .filter(([, at]) => at.length > 1 || chapter.size < 5)
        .map(([phrase, at]) => ({
          index,
          phrase,
          at,
          around: fragments.get(phrase) ?? [],
          weight:
            Math.sqrt(at.length) *
            (at.length / (inLecture.get(phrase) ?? at.length)) *
            spreadOf(at, chapters[index]?.length ?? 1) *
            namingWeight(phrase, model),
        }));
    })
    .sort((a, b) => b.weight - a.weight || a.index - b.index || (a.phrase < b.phrase ? -1 : 1));
  const titles: (string | null)[] = chapters.map(() => null);
  const taken = new Set<string>();
  const classes = sentenceClasses();
  const nameable = (index: number, phrase: string) =>
    canName(phrase, lexicon, () =>
      saidAsNoun(phrase, chapters[index] ?? [], occurrences[index]?.get(phrase) ?? [], classes),
    );
  for (const { index, phrase, around } of ranked) {
    if (titles[index] !== null || taken.has(sameName(phrase))) continue;
    if (!nameable(index, phrase) || around.some((longer) => nameable(index, longer))) continue;
    titles[index] = phrase;
    taken.add(sameName(phrase));
  }
  return titles.map(
    (title) =>
      title && sentenceCase(title.replace(/[a-z0-9']+/g, (w) => (joiners.has(w) ? w : (lexicon.written.get(w) ?? w)))),
  );
}

/** The share of a chapter's runs of sentences (see `parts`) that a phrase occurs in. */
const spreadOf = (sentenceIndices: readonly number[], sentenceCount: number) =>
  new Set(sentenceIndices.map((i) => Math.floor((i * parts) / sentenceCount))).size / parts;

/** How rare the phrase's terms are across chapters, with the bonus for each extra word. */
function namingWeight(phrase: string, model: TermModel): number {
  const terms = contentTerms(phrase);
  return terms.reduce((sum, term) => sum + model.idf(term), 0) * (1 + perExtraWord * (terms.length - 1));
}

/** Phrases that differ only in inflection or word order name the same thing ("state", "states"). */
const sameName = (phrase: string) => contentTerms(phrase).sort().join(" ");

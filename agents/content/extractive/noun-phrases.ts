import type { Sentence } from "../../contracts/artifacts.ts";
import { contentTerms, stem } from "../../shared/text.ts";
import { spokenWords } from "./spoken-words.ts";
import type { ClassedWord, WordClass } from "./word-classes.ts";

const wordSet = (list: string) => new Set(list.split(" "));

// Words that are content to a term model but not what a topic is called: verbs, adverbs,
// vague nouns and fillers a lecturer says all the time.
const notNouns = wordSet(
  "also always another anything around back call called can't come comes course different does done doing " +
    "don't else even ever every example find first give given goes going good gone great happen happens hear " +
    "here's however just keep know last least let's like little look looks lot make makes many mean means " +
    "might much must need never next nice now number obviously often okay once part people pretty probably " +
    "put question quite rather really remember right said same saw see seen show something sometimes start " +
    "still sure take talk tell that's thing think time today told tomorrow true try turn two understand use " +
    "used want way week well what's whatever whole work works write yes yet you're zero kind kinds sort sorts lots " +
    "bunch stuff forever again already almost together anyway",
);
// Prepositions and conjunctions the stop word list leaves to the term model ("meters per second").
const functionWords = wordSet(
  "per times plus minus versus via upon within without toward towards across along among against onto unless " +
    "whether though although beyond behind beside besides near since instead",
);
// Number words name quantities, not topics ("Four", "Hundred").
const numberWords = wordSet(
  "four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen " +
    "nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million " +
    "millions billion billions half twice third fourth fifth sixth seventh eighth ninth tenth",
);
// Symbols read aloud and units: they belong inside a name ("Degrees of freedom", "Dot product")
// but are never one on their own ("Theta", "Theta dot", "Degrees").
const symbolic = wordSet(
  "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda omicron rho sigma tau upsilon phi chi psi omega " +
    "prime squared cubed dot hat bar sub inverse sine cosine tangent sin cos tan log exp sqrt root " +
    "meter meters metre metres centimeter centimeters millimeter millimeters kilometer kilometers second seconds " +
    "minute minutes hour hours degree degrees kelvin celsius fahrenheit kilogram kilograms gram grams joule " +
    "joules watt watts newton newtons pascal pascals hertz volt volts amp amps ohm ohms liter liters litre litres " +
    "percent inch inches foot feet mile miles unit units",
);
export const joiners = wordSet("of");
// Leading words that say which one or how much, not what: "new theta" is about theta and "sum of
// kinetic energy" about kinetic energy, so no phrase starts with them (quantities only before "of").
const vagueLeads = wordSet("new old certain various other own such");
const quantityLeads = wordSet("sum amount bunch couple bit rest piece type types set");

/**
 * Whether a word can be part of a topic's name: not a stop word, verb, adverb, filler,
 * preposition, number word or numeral ("17th"), and not a contraction ("they're").
 *
 * @example
 * isNameable("pressure") // true
 * isNameable("per") // false
 */
export function isNameable(word: string | null): word is string {
  return (
    word !== null &&
    word.length > 2 &&
    !word.includes("'") &&
    !notNouns.has(word) &&
    !functionWords.has(word) &&
    !numberWords.has(word) &&
    !/ly$/.test(word) &&
    !/^[0-9]/.test(word) &&
    contentTerms(word).length > 0
  );
}

/** How the lecture writes its words: those in capitals mid-sentence (DPLL, Kepler), by lowercase form. */
export type Lexicon = { written: ReadonlyMap<string, string> };

/**
 * The lexicon of a lecture's sentences.
 *
 * @example
 * lexiconOf([said("so we run DPLL")]).written.get("dpll") // "DPLL"
 */
export function lexiconOf(sentences: readonly Sentence[]): Lexicon {
  return { written: writtenForms(sentences) };
}

/**
 * Whether a phrase could name a topic by itself: it has a word that is neither a symbol nor a
 * unit, its head is an acronym the lecture writes in capitals ("DNA") or a word said as a noun
 * (`saidAsNoun`), and a lone word has more than three letters.
 *
 * @example
 * canName("theta", lexicon, said) // false
 * canName("degrees of freedom", lexicon, said) // true
 * canName("prove", lexicon, said) // false: "we prove", "to prove", never "the proof"
 */
export function canName(phrase: string, lexicon: Lexicon, saidAsNoun: (phrase: string) => boolean): boolean {
  const parts = phrase.split(" ");
  if (parts.every((w) => symbolic.has(w) || joiners.has(w))) return false;
  const written = lexicon.written.get(parts[headAt(parts)] as string);
  if (written && /^[A-Z0-9]+$/.test(written)) return true;
  return (parts.length > 1 || phrase.length > 3) && saidAsNoun(phrase);
}

/** The head of an English noun phrase: the word before "of" ("degrees of freedom"), else the last. */
const headAt = (parts: readonly string[]) => {
  const of = parts.findIndex((w) => joiners.has(w));
  return of > 0 ? of - 1 : parts.length - 1;
};

/**
 * Whether a phrase is mostly said as a noun phrase where it occurs: its head tagged a noun and
 * every other word a noun or adjective ("optimal policy", not "optimal" alone, "perceive
 * gravity" or "divided"). Occurrences the tagger splits differently do not count either way.
 *
 * @example
 * saidAsNoun("lemma", [said("we prove the lemma")], [0], sentenceClasses()) // true
 * saidAsNoun("prove", [said("we prove the lemma")], [0], sentenceClasses()) // false
 */
export function saidAsNoun(
  phrase: string,
  sentences: readonly Sentence[],
  at: readonly number[],
  classes: (sentence: Sentence) => readonly ClassedWord[],
): boolean {
  const parts = phrase.split(" ");
  const head = headAt(parts);
  let matched = 0;
  let asNoun = 0;
  for (const index of new Set(at)) {
    const tagged = classes(sentences[index] as Sentence);
    for (let i = 0; i + parts.length <= tagged.length; i++) {
      const run = tagged.slice(i, i + parts.length);
      if (run.some((w, j) => w.word !== parts[j])) continue;
      matched += 1;
      const nounish = run.every((w, j) =>
        j === head ? w.wordClass === "noun" : joiners.has(w.word) || modifiers.has(w.wordClass),
      );
      if (nounish) asNoun += 1;
    }
  }
  return asNoun > matched / 2;
}

const modifiers = new Set<WordClass>(["noun", "adjective"]);

/**
 * Every phrase of one to three nameable words (or "X of Y") in each sentence, with the index of
 * each sentence it occurs in (repeated per occurrence). Phrases never span a word the
 * recognizer was unsure of.
 *
 * @example
 * phraseOccurrences([said("the center of mass"), said("mass")]).get("mass") // [0, 1]
 */
export function phraseOccurrences(sentences: readonly Sentence[]): Map<string, number[]> {
  const occurrences = new Map<string, number[]>();
  sentences.forEach((sentence, index) => {
    for (const phrase of phrasesOf(spokenWords(sentence))) {
      occurrences.set(phrase, [...(occurrences.get(phrase) ?? []), index]);
    }
  });
  return occurrences;
}

/** A phrase said this often as part of one longer phrase is a piece of that name. */
const fragmentShare = 2 / 3;

/**
 * For each phrase mostly said inside a longer phrase of the same sentences ("ping pong" inside
 * "ping pong ball", "conjunctive normal" inside "conjunctive normal form"), those longer
 * phrases: when one of them is a name, the phrase is a fragment of it, not a name.
 *
 * @example
 * fragmentsOf(new Map([["ping pong ball", [0, 1, 2]], ["ping pong", [0, 1, 2]], ["ball", [0, 1, 2, 3, 4]]])).get("ping pong") // ["ping pong ball"]
 */
export function fragmentsOf(occurrences: ReadonlyMap<string, readonly number[]>): Map<string, string[]> {
  const around = new Map<string, string[]>();
  for (const [phrase, at] of occurrences) {
    const parts = phrase.split(" ");
    for (let first = 0; first < parts.length; first++) {
      for (let end = first + 1; end <= parts.length; end++) {
        const piece = parts.slice(first, end);
        if (piece.length === parts.length || joiners.has(piece[0] as string) || joiners.has(piece.at(-1) as string))
          continue;
        const key = piece.join(" ");
        if (at.length < fragmentShare * (occurrences.get(key)?.length ?? 0)) continue;
        around.set(key, [...new Set([...(around.get(key) ?? []), phrase])]);
      }
    }
  }
  return around;
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
  const phrases: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i] ?? null;
    if (!isNameable(first) || vagueLeads.has(first) || (quantityLeads.has(first) && tokens[i + 1] === "of")) continue;
    const run: string[] = [];
    for (let j = i; j < tokens.length && run.filter((w) => !joiners.has(w)).length < 3; j++) {
      const token = tokens[j] ?? null;
      const joins = token !== null && joiners.has(token) && isNameable(tokens[j + 1] ?? null) && run.length > 0;
      if (!isNameable(token) && !joins) break;
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

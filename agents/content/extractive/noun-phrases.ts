import type { Sentence } from "../../contracts/artifacts.ts";
import { contentTerms, stem } from "../../shared/text.ts";
import { spokenWords } from "./spoken-words.ts";

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

/**
 * Whether a word can be part of a topic's name: not a stop word, verb, adverb, filler,
 * preposition or number word, and not a contraction ("they're").
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
    contentTerms(word).length > 0
  );
}

/** How the lecture uses its words, to tell which can name a topic. */
export type Lexicon = {
  /** Words written in capitals mid-sentence (DPLL, Kepler), by lowercase form. */
  written: ReadonlyMap<string, string>;
  /** Stems the lecture uses as nouns: not mostly said after a pronoun, "to", a modal or a copula
   * ("we prove", "to assign", "is false") rather than after a determiner ("the proof"). */
  nouns: ReadonlySet<string>;
};

const determiners = wordSet("the a an this that these those our its his her their my your each every some any no");
const beforeVerbs = wordSet(
  "i you we they he she it to can can't will would should could must may might don't doesn't didn't " +
    "is are was were be been isn't aren't",
);

/** A word said this often after a pronoun, "to", a modal or a copula is a verb or adjective. */
const verbShare = 0.2;

/**
 * The lexicon of a lecture's sentences.
 *
 * @example
 * lexiconOf([said("We prove the proof"), said("we prove it")]).nouns // Set { "proof", … } without "prove"
 */
export function lexiconOf(sentences: readonly Sentence[]): Lexicon {
  const uses = new Map<string, { all: number; noun: number; verb: number }>();
  for (const sentence of sentences) {
    const tokens = spokenWords(sentence);
    tokens.forEach((token, i) => {
      if (token === null) return;
      const use = uses.get(stem(token)) ?? { all: 0, noun: 0, verb: 0 };
      use.all += 1;
      if (determiners.has(tokens[i - 1] ?? "")) use.noun += 1;
      if (beforeVerbs.has(tokens[i - 1] ?? "")) use.verb += 1;
      uses.set(stem(token), use);
    });
  }
  const nouns = [...uses].filter(([, use]) => use.verb <= use.noun || use.verb < verbShare * use.all);
  return { written: writtenForms(sentences), nouns: new Set(nouns.map(([term]) => term)) };
}

/**
 * Whether a phrase could name a topic by itself: it has a word that is neither a symbol nor a
 * unit, and its last word (the head of an English noun phrase) is an acronym the lecture writes
 * in capitals ("DNA"), or a proper noun or a word the lecture uses as a noun; a lone word also
 * has more than three letters.
 *
 * @example
 * canName("theta", lexicon) // false
 * canName("degrees of freedom", lexicon) // true
 * canName("prove", lexicon) // false: "we prove", "to prove", never "the prove"
 * canName("car passes", lexicon) // false: a clause, not a name
 */
export function canName(phrase: string, lexicon: Lexicon): boolean {
  const parts = phrase.split(" ");
  if (parts.every((w) => symbolic.has(w) || joiners.has(w))) return false;
  const head = parts.at(-1) as string;
  const written = lexicon.written.get(head);
  if (written && /^[A-Z0-9]+$/.test(written)) return true;
  return (parts.length > 1 || head.length > 3) && (written !== undefined || lexicon.nouns.has(stem(head)));
}

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
 * The phrases that are mostly said inside one longer phrase of the same sentences ("ping pong"
 * inside "ping pong ball", "conjunctive normal" inside "conjunctive normal form"): fragments,
 * not names.
 *
 * @example
 * fragmentsOf(new Map([["ping pong ball", [0, 1, 2]], ["ping pong", [0, 1, 2]], ["ball", [0, 1, 2, 3, 4]]])) // Set { "ping pong", "pong ball", "ping", "pong" }
 */
export function fragmentsOf(occurrences: ReadonlyMap<string, readonly number[]>): Set<string> {
  const inside = new Map<string, number>();
  for (const [phrase, at] of occurrences) {
    const parts = phrase.split(" ");
    for (let first = 0; first < parts.length; first++) {
      for (let end = first + 1; end <= parts.length; end++) {
        const piece = parts.slice(first, end);
        if (piece.length === parts.length || joiners.has(piece[0] as string) || joiners.has(piece.at(-1) as string))
          continue;
        const key = piece.join(" ");
        inside.set(key, Math.max(inside.get(key) ?? 0, at.length));
      }
    }
  }
  const pieces = [...occurrences].filter(([phrase, at]) => (inside.get(phrase) ?? 0) >= fragmentShare * at.length);
  return new Set(pieces.map(([phrase]) => phrase));
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
    if (!isNameable(tokens[i] ?? null)) continue;
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

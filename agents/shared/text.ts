/**
 * Word-level text helpers shared by the extractive analyser and the slide-title reader. The
 * stemmer is deliberately crude: with a recognizer that gets half the words wrong, matching
 * "network" with "networks" matters more than linguistic precision.
 */

const stopwords = new Set(
  (
    "a about above after again all also am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers him his how " +
    "i if in into is it its itself just let like me more most my no nor not now of off on once only or other our ours " +
    "out over own same she should so some such than that the their theirs them then there these they this those through " +
    "to too under until up very was we were what when where which while who whom why will with would you your yours " +
    "okay oh um uh yeah well going get got really thing things way one two three lot kind sort actually right say said"
  ).split(" "),
);

/** Lowercase word tokens, apostrophes kept inside words. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

/** Strips common English suffixes so inflected forms share one term. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of [
    "ations",
    "ation",
    "ings",
    "ing",
    "ness",
    "ments",
    "ment",
    "ies",
    "ers",
    "er",
    "ed",
    "es",
    "s",
  ]) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      return suffix === "ies" ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
    }
  }
  return word;
}

/**
 * The content terms of a text: stemmed, without stop words, numbers or very short words.
 *
 * @example
 * contentTerms("Neural networks learn features") // ["neural", "network", "learn", "featur"]
 */
export function contentTerms(text: string): string[] {
  return words(text)
    .filter((w) => w.length > 2 && !stopwords.has(w) && !/^\d+$/.test(w))
    .map(stem);
}

/** Counts of each item. */
export function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Cosine similarity of two term-count vectors (0 when either is empty). */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [term, count] of a) dot += count * (b.get(term) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((sum, x) => sum + x * x, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}

/** "gradient descent" → "Gradient Descent". */
export function titleCase(text: string): string {
  return text.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** Cuts text at a word boundary to at most `max` characters, adding an ellipsis when cut. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}

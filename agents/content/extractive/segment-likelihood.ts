/**
 * The cost in nats of coding each run of sentences [i, j) as one topic, after Utiyama and
 * Isahara (2001): the words of a topic are drawn from its own Laplace-smoothed unigram model,
 * so a run whose vocabulary is consistent codes cheaply. `cost(i, j)` is looked up in O(1)
 * after an O(n²·terms) table is built; n is a lecture's sentence count (hundreds).
 *
 * @example
 * const cost = segmentCosts([["limit"], ["limit"], ["sort"]]);
 * cost(0, 2) + cost(2, 3) < cost(0, 3) // true: the topics differ
 */
export function segmentCosts(terms: readonly (readonly string[])[]): (first: number, end: number) => number {
  const vocabulary = new Set(terms.flat()).size;
  const rows = terms.map((_, first) => {
    const row = new Float64Array(terms.length + 1);
    const counts = new Map<string, number>();
    let total = 0;
    let fit = 0; // Σ over distinct terms of count·ln(count + 1), kept incrementally
    for (let end = first + 1; end <= terms.length; end++) {
      for (const term of terms[end - 1] as string[]) {
        const c = counts.get(term) ?? 0;
        fit += (c + 1) * Math.log(c + 2) - c * Math.log(c + 1);
        counts.set(term, c + 1);
        total++;
      }
      row[end] = total * Math.log(total + vocabulary) - fit;
    }
    return row;
  });
  return (first, end) => (rows[first] as Float64Array)[end] as number;
}

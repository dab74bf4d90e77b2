import { contentTerms, countTerms, stem, words } from "../../shared/text.ts";

/** Term statistics over a set of documents (chapters or windows of sentences). */
export type TermModel = {
  /** Inverse document frequency: terms found in few documents weigh more. */
  idf: (term: string) => number;
  /** The most common spoken form of a stem, for readable key phrases. */
  surface: (term: string) => string;
};

/**
 * Builds idf weights and surface forms from documents' texts.
 *
 * @example
 * const model = buildTermModel(["the derivative is a limit", "sorting lists"]);
 * model.idf("sort") > model.idf("the") // true
 */
export function buildTermModel(documents: readonly string[]): TermModel {
  const documentFrequency = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  for (const document of documents) {
    for (const term of new Set(contentTerms(document))) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
    for (const word of words(document)) {
      const byForm = forms.get(stem(word)) ?? new Map<string, number>();
      byForm.set(word, (byForm.get(word) ?? 0) + 1);
      forms.set(stem(word), byForm);
    }
  }
  const n = Math.max(1, documents.length);
  return {
    idf: (term) => Math.log(1 + n / (1 + (documentFrequency.get(term) ?? 0))),
    surface: (term) =>
      [...(forms.get(term) ?? new Map([[term, 1]])).entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? term,
  };
}

/**
 * The `count` terms of a text that weigh most (frequency × idf), in spoken form; ties go to
 * the term seen first so results are stable.
 */
export function topTerms(text: string, model: TermModel, count: number): string[] {
  const counts = countTerms(contentTerms(text));
  return [...counts.entries()]
    .map(([term, tf], order) => ({ term, weight: tf * model.idf(term), order }))
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .slice(0, count)
    .map((t) => model.surface(t.term));
}

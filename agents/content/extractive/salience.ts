import type { Sentence, SlideSegment } from "../../contracts/artifacts.ts";
import { contentTerms } from "../../shared/text.ts";
import { cueStrength } from "./cue-phrases.ts";
import type { TermModel } from "./term-weights.ts";

export type SentenceSalience = { score: number; cue: string | null; slideTerms: string[] };

/** The slide on screen at `time`, if any. */
export function slideAt(slides: readonly SlideSegment[], time: number): SlideSegment | undefined {
  return slides.find((s) => time >= s.start && time < s.end) ?? slides.at(-1);
}

/**
 * How much each sentence matters, 0–1, from three signals that survive recognition errors in
 * different ways: weighty terms (tf-idf over chapters), terms shared with the slide on screen
 * (OCR text is far cleaner than offline speech recognition) and lecture cue phrases.
 *
 * @example
 * sentenceSalience(sentences, slides, model)[3] // { score: 0.71, cue: "remember", slideTerms: ["chain", "rule"] }
 */
export function sentenceSalience(
  sentences: readonly Sentence[],
  slides: readonly SlideSegment[],
  model: TermModel,
): SentenceSalience[] {
  const termWeights = sentences.map((s) => {
    const terms = contentTerms(s.text);
    return terms.reduce((sum, t) => sum + model.idf(t), 0) / Math.sqrt(Math.max(1, terms.length));
  });
  const maxWeight = Math.max(...termWeights, 1e-9);
  return sentences.map((sentence, i) => {
    const terms = new Set(contentTerms(sentence.text));
    const slide = slideAt(slides, (sentence.start + sentence.end) / 2);
    const onSlide = new Set(contentTerms(slide?.text ?? ""));
    const shared = [...terms].filter((t) => onSlide.has(t));
    const cue = cueStrength(sentence.text);
    const slideShare = terms.size > 0 ? Math.min(1, (2 * shared.length) / terms.size) : 0;
    const score = 0.35 * ((termWeights[i] as number) / maxWeight) + 0.3 * slideShare + 0.35 * cue.weight;
    return { score: Math.round(score * 1000) / 1000, cue: cue.label, slideTerms: shared.map(model.surface) };
  });
}

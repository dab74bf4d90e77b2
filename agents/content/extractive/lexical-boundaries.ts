import { beyondChance } from "./chance-guard.ts";
import { optimalSegmentation } from "./optimal-segmentation.ts";
import { segmentCosts } from "./segment-likelihood.ts";
import { defaultSegmentationSettings, type SegmentationSettings } from "./segmentation-settings.ts";
import { cohesionValleys, significantValleys } from "./text-tiling.ts";

export type LexicalInput = {
  /** Content terms of each sentence. */
  terms: readonly (readonly string[])[];
  /** Start time of each sentence, and the end of the last one. */
  starts: readonly number[];
  end: number;
  /** The shortest chapter worth having, in seconds. */
  minChapterSeconds: number;
};

/** Two views of one boundary agree when they are this close (about a sentence or two). */
const agreementSeconds = 20;

/**
 * Topic boundaries from the words alone, as indices of the sentences opening a chapter.
 *
 * With a requested count, the globally most cohesive segmentation into that many chapters
 * (Utiyama and Isahara's model). Without one, the number comes from the content and only
 * boundaries that two independent views agree on are kept: the global model, paying a price
 * for every boundary (`settings.boundaryPrice` times its minimum-description-length price:
 * where the boundary falls among the words), and TextTiling's significant local valleys
 * (`settings.valleyCutoff`). Recognition errors and digressions fool one view more often than
 * both, and a missed boundary costs a viewer less than a false one. Last, the agreed
 * boundaries must code the words better than as many chapters code them shuffled, or they
 * go (./chance-guard.ts): speech about one thing keeps one chapter.
 *
 * @example
 * lexicalBoundaries({ terms, starts, end: 600, minChapterSeconds: 20 }, "auto") // [14, 31]
 */
export function lexicalBoundaries(
  input: LexicalInput,
  count: number | "auto",
  settings: SegmentationSettings = defaultSegmentationSettings,
): number[] {
  const { terms, starts } = input;
  if (terms.length < 2) return [];
  const timeAt = (i: number) => (i < starts.length ? (starts[i] as number) : input.end);
  const problem = {
    size: terms.length,
    cost: segmentCosts(terms),
    allowed: (first: number, end: number) => timeAt(end) - timeAt(first) >= input.minChapterSeconds,
  };
  if (count !== "auto") return optimalSegmentation(problem, { count });
  const words = Math.max(
    2,
    terms.reduce((sum, t) => sum + t.length, 0),
  );
  const global = optimalSegmentation(problem, { penalty: settings.boundaryPrice * Math.log(words) });
  const local = significantValleys(cohesionValleys(terms), settings.valleyCutoff);
  const agreed = global.filter((b) => local.some((v) => Math.abs(timeAt(v.index) - timeAt(b)) <= agreementSeconds));
  return beyondChance(problem, terms, agreed);
}

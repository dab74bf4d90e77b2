import { cohesionValleys } from "../../agents/content/extractive/text-tiling.ts";
import type { Sentence } from "../../agents/contracts/artifacts.ts";
import { contentTerms } from "../../agents/shared/text.ts";

/**
 * Reference points for chapter quality, scored beside every backend in the same run so a
 * regression shows: one chapter, an even split into the true number of chapters, and plain
 * TextTiling given the true number (the deepest cohesion valleys). The last two are told the
 * answer's size, which the analysers never are.
 *
 * @example
 * segmentationBaselines(sentences, 3000, 6).textTilingTrueCount // [412.5, 980.1, …]
 */
export function segmentationBaselines(sentences: readonly Sentence[], durationSeconds: number, trueCount: number) {
  const valleys = cohesionValleys(sentences.map((s) => contentTerms(s.text)));
  const gapTime = (i: number) => ((sentences[i - 1] as Sentence).end + (sentences[i] as Sentence).start) / 2;
  return {
    oneSegment: [] as number[],
    evenSplit: Array.from({ length: trueCount - 1 }, (_, i) => ((i + 1) * durationSeconds) / trueCount),
    textTilingTrueCount: valleys
      .slice(0, trueCount - 1)
      .map((v) => gapTime(v.index))
      .sort((a, b) => a - b),
  };
}

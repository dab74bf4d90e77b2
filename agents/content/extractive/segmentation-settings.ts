/**
 * The numbers the offline segmenter is tuned on when chapters come from the words alone. The
 * eval (`npm run eval`, test/eval/human-eval.ts) scores every setting of its grid on the dev
 * lectures leave-one-lecture-out, so a tuned number is judged on a lecture it never saw.
 */
export type SegmentationSettings = {
  /** Price of one more chapter in the global cohesion model, in multiples of ln(words); 1 is minimum description length. */
  boundaryPrice: number;
  /** A TextTiling valley confirms a boundary when it is this many standard deviations deeper than the mean valley. */
  valleyCutoff: number;
};

/**
 * The settings chosen on all dev lectures (test/eval/transcripts/dev): the plain MDL price and
 * a valley one deviation deeper than the mean.
 *
 * @example
 * findTopicBoundaries({ sentences, slides: [], durationSeconds, settings: defaultSegmentationSettings })
 */
export const defaultSegmentationSettings: SegmentationSettings = { boundaryPrice: 1, valleyCutoff: 1 };

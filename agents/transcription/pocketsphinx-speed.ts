/**
 * pocketsphinx search settings that trade accuracy for speed: frame downsampling (`-ds`), the
 * Viterbi, word-exit and phone beams (`-beam`, `-wbeam`, `-pbeam`: a larger value prunes more),
 * Gaussians scored per frame (`-topn`) and active HMMs per frame (`-maxhmmpf`). Unset ones keep
 * the recognizer's own defaults (ds 1, beam 1e-48, wbeam 7e-29, pbeam 1e-48, topn 4, maxhmmpf 30000).
 */
export type PocketsphinxSpeed = Partial<{
  ds: number;
  beam: string;
  wbeam: string;
  pbeam: string;
  topn: number;
  maxhmmpf: number;
}>;

/** Settings measured by `npm run bench:asr` (docs/asr-speed.md holds the table). */
export const pocketsphinxSpeedPresets = {
  stock: {},
  ds2: { ds: 2 },
  ds3: { ds: 3 },
  narrowBeams: { beam: "1e-40", wbeam: "1e-24", pbeam: "1e-40" },
  topn2: { topn: 2 },
  maxhmmpf10k: { maxhmmpf: 10_000 },
  ds2Topn2: { ds: 2, topn: 2 },
  ds2Narrow: { ds: 2, topn: 2, maxhmmpf: 10_000, beam: "1e-40", wbeam: "1e-24", pbeam: "1e-40" },
} satisfies Record<string, PocketsphinxSpeed>;

/**
 * Half the frames' GMM scores and two Gaussians each: 25% less CPU than stock at the same word
 * error on flite speech (0.266 vs 0.266, cpu RTF 0.43 vs 0.57); narrower beams were faster still
 * but lost 0.1–0.2 of word error.
 */
export const defaultPocketsphinxSpeed: PocketsphinxSpeed = pocketsphinxSpeedPresets.ds2Topn2;

/**
 * Command-line flags for `speed`.
 *
 * @example
 * speedArgs({ ds: 2, topn: 2 }) // ["-ds", "2", "-topn", "2"]
 */
export function speedArgs(speed: PocketsphinxSpeed): string[] {
  return Object.entries(speed).flatMap(([name, value]) => [`-${name}`, String(value)]);
}

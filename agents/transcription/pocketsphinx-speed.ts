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
 * The recognizer's own settings. `-ds 2 -topn 2` saved 25% of CPU at the same word error on flite
 * speech (0.266 both) but lost 0.055 on the espeak-ng voice our lectures and benchmark speak
 * (0.876 vs 0.821): accuracy is what users see, and the pieces on every core already make
 * transcription fast enough (docs/asr-speed.md).
 */
export const defaultPocketsphinxSpeed: PocketsphinxSpeed = pocketsphinxSpeedPresets.stock;

/**
 * Command-line flags for `speed`.
 *
 * @example
 * speedArgs({ ds: 2, topn: 2 }) // ["-ds", "2", "-topn", "2"]
 */
export function speedArgs(speed: PocketsphinxSpeed): string[] {
  return Object.entries(speed).flatMap(([name, value]) => [`-${name}`, String(value)]);
}

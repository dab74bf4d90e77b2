import type { JobOptions } from "../contracts/job.ts";
import { clamp } from "../shared/time-ranges.ts";

export type HighlightLimits = Required<
  Pick<JobOptions, "highlightCount" | "clipMinSeconds" | "clipMaxSeconds" | "reelMaxSeconds">
>;

/**
 * The highlight limits of a job: what the user set, and for the rest defaults that scale with
 * the lecture, so a 3-minute talk gets one short clip and an hour several:
 *
 * - highlights: 1 + one per 10 minutes, at most 10 (3 min → 1, 20 min → 3, 60 min → 7);
 * - reel: a tenth of the lecture, 20 s to 5 min (3 min → 20 s, 20 min → 2 min, 60 min → 5 min);
 * - longest clip: 1.5 × the reel's share per highlight, 15–90 s; shortest clip: a third of
 *   that, 8–20 s (never above the longest).
 *
 * @example
 * highlightLimits({}, 180) // { highlightCount: 1, clipMinSeconds: 10, clipMaxSeconds: 30, reelMaxSeconds: 20 }
 * highlightLimits({ highlightCount: 4 }, 3600).highlightCount // 4
 */
export function highlightLimits(options: Partial<HighlightLimits>, durationSeconds: number): HighlightLimits {
  const minutes = durationSeconds / 60;
  const highlightCount = options.highlightCount ?? clamp(1 + Math.round(minutes / 10), 1, 10);
  const reelMaxSeconds = options.reelMaxSeconds ?? clamp(Math.round(durationSeconds / 10), 20, 300);
  const scaledMax = clamp(Math.round((1.5 * reelMaxSeconds) / highlightCount), 15, 90);
  const clipMaxSeconds = options.clipMaxSeconds ?? Math.max(scaledMax, options.clipMinSeconds ?? 0);
  const clipMinSeconds =
    options.clipMinSeconds ?? Math.min(clamp(Math.round(clipMaxSeconds / 3), 8, 20), clipMaxSeconds);
  return { highlightCount, clipMinSeconds, clipMaxSeconds, reelMaxSeconds };
}

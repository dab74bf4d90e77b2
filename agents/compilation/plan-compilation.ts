import type { CompilationPlan, HighlightSelection } from "../contracts/artifacts.ts";
import { roundMs } from "../shared/time-ranges.ts";

export type CompilationInput = {
  selection: HighlightSelection;
  /** Crossfade between consecutive clips on the reel; capped at half the shortest clip. */
  fadeSeconds?: number;
  /** The source's frame rate: cuts, fades and reel offsets land on its frame grid. Null for audio. */
  fps?: number | null;
};

/**
 * The edit list the media worker renders as is: one clip per highlight (source ranges, snapped
 * to frames when there is video), and the reel as those clips in timeline order joined by
 * crossfades (the media worker's xfade/acrossfade), so clip i starts on the reel at the sum of
 * the lengths before it minus one fade per join, and the reel lasts the sum of the lengths
 * minus (n − 1) fades.
 *
 * @example
 * planCompilation({ selection: { highlights: [h1, h2] } })
 * // { clips: [{ start: 30, end: 60, highlightIndex: 0 }, …], reel: { order: [0, 1], fadeSeconds: 0.5, offsets: [0, 29.5], durationSeconds: 74.5 } }
 */
export function planCompilation(input: CompilationInput): CompilationPlan {
  const fps = input.fps ?? null;
  // Rounding to whole frames keeps the cuts, the reel and its captions in step to the frame.
  const onGrid = fps ? (t: number) => Math.round(t * fps) / fps : roundMs;
  const clips = input.selection.highlights.map((h, highlightIndex) => ({
    start: onGrid(h.start),
    end: onGrid(h.end),
    highlightIndex,
  }));
  const order = clips
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.start - b.c.start || a.i - b.i)
    .map(({ i }) => i);
  const halfShortest = Math.min(...clips.map((c) => c.end - c.start)) / 2;
  const fadeSeconds =
    clips.length < 2 ? 0 : Math.min(onGrid(input.fadeSeconds ?? 0.5), fps ? halfShortest : roundMs(halfShortest));
  const offsets: number[] = [];
  let cursor = 0;
  for (const index of order) {
    offsets.push(onGrid(cursor));
    const clip = clips[index] as (typeof clips)[number];
    cursor += clip.end - clip.start - fadeSeconds;
  }
  const durationSeconds = clips.length === 0 ? 0 : onGrid(cursor + fadeSeconds);
  return { clips, reel: { order, fadeSeconds, offsets, durationSeconds } };
}

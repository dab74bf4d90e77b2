import type { TimeRange } from "../../../agents/contracts/artifacts.ts";

/**
 * Where each clip starts on the reel when consecutive clips overlap by a crossfade of
 * `fadeSeconds`, and how long the reel lasts: duration = Σ clip durations − (n − 1) × fade.
 * The fade is shortened when a clip is too short to fade in and out.
 *
 * @example
 * reelTimeline([{ start: 10, end: 40 }, { start: 100, end: 120 }], 0.5);
 * // { offsets: [0, 29.5], durationSeconds: 49.5, fadeSeconds: 0.5 }
 */
export function reelTimeline(ranges: TimeRange[], fadeSeconds: number) {
  const durations = ranges.map((r) => r.end - r.start);
  const shortest = Math.min(...durations);
  const fade = ranges.length < 2 ? 0 : Math.max(0, Math.min(fadeSeconds, shortest / 2));
  const offsets: number[] = [];
  let cursor = 0;
  for (const duration of durations) {
    offsets.push(cursor);
    cursor += duration - fade;
  }
  return { offsets, durationSeconds: cursor + fade * (ranges.length > 0 ? 1 : 0), fadeSeconds: fade };
}

/** Snaps a range to the frame grid so that cuts and timelines agree to the frame. */
export const snapToFrames = (range: TimeRange, fps: number | null): TimeRange =>
  fps ? { start: Math.round(range.start * fps) / fps, end: Math.round(range.end * fps) / fps } : range;

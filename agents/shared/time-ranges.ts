import type { TimeRange } from "../contracts/artifacts.ts";

/** Keeps `value` within [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Seconds two ranges share (0 when apart). */
export function overlapSeconds(a: TimeRange, b: TimeRange): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * Sorted, merged, clamped copies of possibly unsorted and overlapping ranges, dropping empty ones.
 *
 * @example
 * normalizeRanges([{ start: 5, end: 7 }, { start: 1, end: 6 }], 10) // [{ start: 1, end: 7 }]
 */
export function normalizeRanges(ranges: readonly TimeRange[], duration: number): TimeRange[] {
  const sorted = ranges
    .map((r) => ({ start: clamp(r.start, 0, duration), end: clamp(r.end, 0, duration) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Rounds to milliseconds, which is what timestamps in captions and edit lists can carry. */
export function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

type TimeRange = { start: number; end: number };

/**
 * Where a moment of the lecture falls in the reel, which plays the highlights one after another
 * in timeline order: the reel position of the first highlight that covers or follows `lectureTime`.
 * Offsets are scaled to the reel's real duration, which transitions make a little longer.
 *
 * @example
 * reelPosition(95, [{ start: 30, end: 60 }, { start: 90, end: 120 }], 60); // 35
 */
export function reelPosition(lectureTime: number, highlights: TimeRange[], reelDuration: number): number {
  const total = highlights.reduce((sum, h) => sum + (h.end - h.start), 0);
  const scale = total > 0 ? reelDuration / total : 1;
  let offset = 0;
  for (const highlight of highlights) {
    if (lectureTime < highlight.end) return (offset + Math.max(0, lectureTime - highlight.start)) * scale;
    offset += highlight.end - highlight.start;
  }
  return Math.max(0, reelDuration - 1);
}

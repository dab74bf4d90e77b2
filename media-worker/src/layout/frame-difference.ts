import { type GrayFrame, grayFrameSize } from "../ffmpeg/gray-frames.ts";

const cellSize = 10;
/** Mean absolute gray difference (0-255) above which a cell counts as changed; codec noise stays under 2. */
const cellDeltaThreshold = 6;

/**
 * Fraction of 10×10 cells whose mean brightness difference exceeds a small threshold. Unlike
 * ffmpeg's scene score (a mean over the whole picture), a slide change touches many cells (title,
 * bullets, page number) while a moving presenter inset touches only the few around it, so the
 * two stay apart even when the text change is small.
 *
 * @example
 * changedCellFraction(previous, next); // 0.27 for a new slide, 0.03 for a moving inset
 */
export function changedCellFraction(a: GrayFrame, b: GrayFrame): number {
  const { width, height } = grayFrameSize;
  const columns = Math.floor(width / cellSize);
  const rows = Math.floor(height / cellSize);
  let changed = 0;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      let sum = 0;
      for (let y = row * cellSize; y < (row + 1) * cellSize; y++) {
        const offset = y * width + column * cellSize;
        for (let x = 0; x < cellSize; x++) sum += Math.abs(a.pixels[offset + x]! - b.pixels[offset + x]!);
      }
      if (sum / (cellSize * cellSize) > cellDeltaThreshold) changed++;
    }
  }
  return changed / (columns * rows);
}

import type { SlideSegment } from "../contracts/artifacts.ts";

/**
 * Cheap picture statistics of one segment that the media worker measures while it scans for
 * slide changes (no extra decode): how much the picture moves and where.
 */
export type SegmentSignals = {
  /** Mean difference between sampled frames inside the segment, 0–1 (ffmpeg's scene score works: slides < 0.01). */
  motion: number;
  /** Share of the frame's area that changes between sampled frames, 0–1: a presenter inset is ~0.05–0.2. */
  movingAreaRatio?: number;
};

const movingThreshold = 0.015;

/**
 * Slides are still pictures with text; a talking head moves over most of the frame and has no
 * text; anything in between (text with a moving presenter inset, a camera filming a board) is
 * mixed. Without signals, a segment found by slide-change detection counts as slides.
 *
 * @example
 * classifyLayout({ motion: 0.002 }, 24) // "slides"
 * classifyLayout({ motion: 0.05, movingAreaRatio: 0.1 }, 24) // "mixed"
 */
export function classifyLayout(signals: SegmentSignals | undefined, readableWords: number): SlideSegment["layout"] {
  if (!signals) return "slides";
  const hasText = readableWords >= 3;
  const moving = signals.motion >= movingThreshold;
  const movingArea = signals.movingAreaRatio ?? (moving ? 1 : 0);
  if (!moving || movingArea < 0.03) return "slides";
  if (hasText) return "mixed";
  return movingArea >= 0.3 ? "talking_head" : "mixed";
}

import type { TimeRange } from "../../../agents/contracts/artifacts.ts";
import type { GrayFrame } from "../ffmpeg/gray-frames.ts";
import { changedCellFraction } from "./frame-difference.ts";

/**
 * Keyframes further apart than this (in changed cells) may hold a slide change. Measured on
 * generated lectures with a moving presenter inset: changes 0.21–0.27, motion at most 0.08.
 */
export const candidateThreshold = 0.12;
/** A real change is one frame-to-frame jump this large; motion spreads over frames at <= 0.06. */
export const confirmThreshold = 0.1;

/** Decodes every frame of each window (one batch = one ffmpeg process). */
export type WindowDecoder = (windows: TimeRange[]) => Promise<GrayFrame[][]>;
const windowsPerBatch = 8;
export type SlideChange = { time: number; keyframeIndex: number; score: number };

/**
 * Finds slide changes without decoding every frame: keyframe pairs that differ are candidates;
 * the frames between the two keyframes are then decoded and the change is placed on the frame
 * where the picture jumps. Candidates without such a jump (gradual motion) are dropped.
 *
 * @example
 * const changes = await findSlideChanges(keyframes, (windows) => decodeWindows(src, windows, { workDir }), 1 / 30);
 * changes[0]; // { time: 16.933, keyframeIndex: 5, score: 0.26 }
 */
export async function findSlideChanges(
  keyframes: GrayFrame[],
  decode: WindowDecoder,
  frameSeconds: number,
  onProgress?: (fraction: number) => void,
): Promise<SlideChange[]> {
  const candidates: number[] = [];
  for (let i = 1; i < keyframes.length; i++) {
    if (changedCellFraction(keyframes[i - 1]!, keyframes[i]!) >= candidateThreshold) candidates.push(i);
  }
  const changes: SlideChange[] = [];
  for (let first = 0; first < candidates.length; first += windowsPerBatch) {
    const batch = candidates.slice(first, first + windowsPerBatch);
    const windows = batch.map((index) => ({
      start: keyframes[index - 1]!.time,
      end: keyframes[index]!.time + frameSeconds / 2,
    }));
    const decoded = await decode(windows);
    batch.forEach((keyframeIndex, w) => {
      const frames = decoded[w] ?? [];
      let best: SlideChange | null = null;
      for (let i = 1; i < frames.length; i++) {
        const score = changedCellFraction(frames[i - 1]!, frames[i]!);
        if (!best || score > best.score) best = { time: frames[i]!.time, keyframeIndex, score };
      }
      if (best && best.score >= confirmThreshold) changes.push(best);
    });
    onProgress?.(Math.min(1, (first + batch.length) / candidates.length));
  }
  return changes;
}

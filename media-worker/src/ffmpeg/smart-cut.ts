import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TimeRange } from "../../../agents/contracts/artifacts.ts";
import { audioEncoding, encodeRange } from "./encode.ts";
import { runFfmpeg } from "./process.ts";
import type { ClipEncoding } from "./source-encoding.ts";

export type ClipCut = {
  encoding: ClipEncoding;
  fps: number;
  /**
   * Clip seconds from either end that must be keyframes (where the reel's crossfades begin and
   * end): the source's packets are copied only between them.
   */
  marginSeconds: number;
  /** A JPEG of the clip's frame at `time` (clip seconds). */
  poster: { time: number; path: string; width: number };
  workDir: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
};

/**
 * Cuts one clip out of the source exact to the frame, re-encoding as little as it can: with a
 * smart-cut encoding it encodes only the head (from the cut to the first source keyframe past
 * the margin) and the tail (from the last source keyframe before the end's margin), copies the
 * source's packets between, and joins the three by stream copy (their parameter sets are
 * identical, see `chooseClipEncoding`); the audio is encoded from the source whole (cheap).
 * A clip with no whole GOP between its margins, or a source we cannot match, is encoded whole.
 * Either way the clip holds round((end - start) × fps) frames with keyframes at the margins.
 *
 * @example
 * await cutClip("source.mp4", { start: 61.2, end: 95.4 }, "clip-1.mp4", { encoding, fps: 30, marginSeconds: 0.5, poster, workDir });
 */
export async function cutClip(source: string, range: TimeRange, output: string, cut: ClipCut): Promise<void> {
  const duration = range.end - range.start;
  const copied = cut.encoding.kind === "smart-cut" ? copiedSpan(cut.encoding.keyframes, range, cut) : null;
  if (!copied) {
    await encodeRange(source, range, output, {
      hasVideo: true,
      fps: cut.fps,
      video: cut.encoding.video,
      keyframesAt: [cut.marginSeconds, duration - cut.marginSeconds].filter((t) => t > 0 && t < duration),
      poster: cut.poster,
      signal: cut.signal,
      onProgress: cut.onProgress,
    });
    return;
  }
  const frames = (seconds: number) => Math.round(seconds * cut.fps);
  const parts = [
    { name: "head", start: range.start, end: copied.start, keyframeAt: cut.marginSeconds },
    { name: "copy", start: copied.start, end: copied.end, keyframeAt: 0 },
    { name: "tail", start: copied.end, end: range.end, keyframeAt: range.end - cut.marginSeconds - copied.end },
  ]
    .map((part) => ({ ...part, frames: frames(part.end - part.start), path: join(cut.workDir, `${part.name}.mp4`) }))
    .filter((part) => part.frames > 0);
  const encoded = (part: (typeof parts)[number]) => {
    const keyframe = part.keyframeAt * cut.fps >= 0.5 && frames(part.keyframeAt) < part.frames;
    return [...cut.encoding.video, ...(keyframe ? ["-force_key_frames", part.keyframeAt.toFixed(6)] : [])];
  };
  const posterAt = range.start + cut.poster.time;
  await runFfmpeg({
    purpose: "clip",
    inputs: [
      ...parts.map((part) => ({
        path: source,
        // A stream copy seeks to ffprobe's own digits of the keyframe (a hair past it shifts the copy by a frame).
        options: [
          ...["-ss", (part.name === "copy" ? copied.keyframe : part.start).toFixed(6)],
          ...["-t", (part.end - part.start).toFixed(6)],
        ],
      })),
      // Every input is read to its end unless told otherwise, even after its output has its frame.
      { path: source, options: ["-ss", posterAt.toFixed(6), "-t", "1"] },
    ],
    outputs: [
      ...parts.map((part, i) => ({
        path: part.path,
        options: [
          ...[
            "-map",
            `${i}:v:0`,
            ...(part.name === "copy" ? ["-c", "copy"] : [...encoded(part), "-r", String(cut.fps)]),
          ],
          ...["-frames:v", String(part.frames), "-an", "-sn", "-dn"],
        ],
      })),
      {
        path: cut.poster.path,
        options: ["-map", `${parts.length}:v:0`, "-vf", `scale=${cut.poster.width}:-2`, "-frames:v", "1", "-q:v", "3"],
      },
    ],
    expectedSeconds: duration,
    onProgress: (f) => cut.onProgress?.(f * 0.8),
    signal: cut.signal,
  });
  // Stated durations keep the joins on the frame grid (an MP4's own duration can run a few ticks over).
  const list = join(cut.workDir, "clip-parts.txt");
  await writeFile(
    list,
    parts.map((part) => `file '${part.path}'\nduration ${(part.frames / cut.fps).toFixed(6)}\n`).join(""),
  );
  await runFfmpeg({
    purpose: "clip",
    inputs: [
      { path: list, options: ["-f", "concat", "-safe", "0"] },
      { path: source, options: ["-vn", "-ss", range.start.toFixed(6), "-t", duration.toFixed(6)] },
    ],
    outputs: [
      {
        path: output,
        options: [
          ...["-map", "0:v:0", "-c:v", "copy", "-map", "1:a:0", ...audioEncoding],
          ...["-sn", "-dn", "-t", duration.toFixed(6), "-movflags", "+faststart"],
        ],
      },
    ],
    signal: cut.signal,
  });
  cut.onProgress?.(1);
}

/** The source keyframes bounding the copied middle: the first past the head's margin, the last before the tail's. */
function copiedSpan(keyframes: number[], range: TimeRange, cut: ClipCut): (TimeRange & { keyframe: number }) | null {
  const halfFrame = 0.5 / cut.fps;
  const start = keyframes.find((k) => k >= range.start + cut.marginSeconds - halfFrame);
  const end = keyframes.findLast((k) => k <= range.end - cut.marginSeconds + halfFrame);
  if (start === undefined || end === undefined || end - start < halfFrame) return null;
  // Snapped to the frame grid the cut itself is on.
  const snap = (t: number) => range.start + Math.round((t - range.start) * cut.fps) / cut.fps;
  return { start: snap(start), end: snap(end), keyframe: start };
}

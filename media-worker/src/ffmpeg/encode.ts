import type { TimeRange } from "../../../agents/contracts/artifacts.ts";
import { runFfmpeg } from "./process.ts";

/** One encoding profile for every clip and the reel, so their streams always match. */
export const videoEncoding = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"];
export const audioEncoding = ["-c:a", "aac", "-b:a", "128k", "-ar", "48000"];

type EncodeOptions = { hasVideo: boolean; fps?: number; onProgress?: (f: number) => void; signal?: AbortSignal };

/**
 * Cuts one range out of the source, exact to the frame: input seeking decodes from the keyframe
 * before `start` and drops what precedes it, so the clip's first frame is the frame at `start`
 * and it holds round((end - start) × fps) frames.
 *
 * @example
 * await encodeRange("source.mp4", { start: 61.2, end: 95.4 }, "clip-1.mp4", { hasVideo: true, fps: 30 });
 */
export async function encodeRange(
  source: string,
  range: TimeRange,
  output: string,
  options: EncodeOptions,
): Promise<void> {
  const duration = range.end - range.start;
  await runFfmpeg({
    purpose: "clip",
    inputs: [{ path: source, options: ["-ss", range.start.toFixed(6), "-t", duration.toFixed(6)] }],
    outputs: [
      {
        path: output,
        options: [
          ...(options.hasVideo ? ["-map", "0:v:0", ...videoEncoding, ...frameCount(duration, options.fps)] : ["-vn"]),
          ...["-map", "0:a:0", ...audioEncoding, "-sn", "-dn", "-t", duration.toFixed(6), "-movflags", "+faststart"],
        ],
      },
    ],
    expectedSeconds: duration,
    onProgress: options.onProgress,
    signal: options.signal,
  });
}

// -t alone lets one extra frame through when the duration is an exact multiple of the frame time.
const frameCount = (seconds: number, fps: number | undefined) =>
  fps ? ["-r", String(fps), "-frames:v", String(Math.round(seconds * fps))] : [];

export type ReelLayout = { offsets: number[]; durationSeconds: number; fadeSeconds: number };

/**
 * Renders the reel straight from the source (no second generation of compression): each range
 * is an exact input seek, and clip i enters at `layout.offsets[i]` through an `xfade` and
 * `acrossfade` of `layout.fadeSeconds` (see `reelTimeline` for the arithmetic).
 *
 * @example
 * await encodeReel("source.mp4", ranges, reelTimeline(ranges, 0.5), "reel.mp4", { hasVideo: true, fps: 30 });
 */
export async function encodeReel(
  source: string,
  ranges: TimeRange[],
  layout: ReelLayout,
  output: string,
  options: EncodeOptions,
): Promise<void> {
  const fade = layout.fadeSeconds;
  const inputs = ranges.map((r) => ({
    path: source,
    options: ["-ss", r.start.toFixed(6), "-t", (r.end - r.start).toFixed(6)],
  }));
  const chains: string[] = [];
  // Timestamps restart at zero per input, so xfade offsets count from the reel's start.
  ranges.forEach((_, i) => {
    if (options.hasVideo) chains.push(`[${i}:v:0]settb=AVTB,setpts=PTS-STARTPTS,fps=${options.fps ?? 30}[v${i}]`);
    chains.push(`[${i}:a:0]aresample=48000,asetpts=PTS-STARTPTS[a${i}]`);
  });
  let video = "[v0]";
  let audio = "[a0]";
  for (let i = 1; i < ranges.length; i++) {
    if (options.hasVideo) {
      const offset = layout.offsets[i]!.toFixed(6);
      chains.push(`${video}[v${i}]xfade=transition=fade:duration=${fade}:offset=${offset}[vx${i}]`);
      video = `[vx${i}]`;
    }
    chains.push(`${audio}[a${i}]acrossfade=d=${fade}:c1=tri:c2=tri[ax${i}]`);
    audio = `[ax${i}]`;
  }
  const frames =
    options.hasVideo && options.fps ? ["-frames:v", String(Math.round(layout.durationSeconds * options.fps))] : [];
  await runFfmpeg({
    purpose: "reel",
    inputs,
    filterGraph: chains.join(";"),
    outputs: [
      {
        path: output,
        options: [
          ...(options.hasVideo ? ["-map", video, ...videoEncoding, ...frames] : []),
          ...["-map", audio, ...audioEncoding, "-t", layout.durationSeconds.toFixed(6), "-movflags", "+faststart"],
        ],
      },
    ],
    expectedSeconds: layout.durationSeconds,
    onProgress: options.onProgress,
    signal: options.signal,
  });
}

/**
 * Writes one JPEG still of the frame at `time` (poster thumbnails).
 *
 * @example
 * await extractStill("source.mp4", 75.5, "poster-1.jpg", 640);
 */
export async function extractStill(
  source: string,
  time: number,
  output: string,
  width: number,
  signal?: AbortSignal,
): Promise<void> {
  await runFfmpeg({
    purpose: "thumbnail",
    inputs: [{ path: source, options: ["-ss", time.toFixed(3)] }],
    outputs: [{ path: output, options: ["-map", "0:v:0", "-frames:v", "1", "-vf", `scale=${width}:-2`, "-q:v", "3"] }],
    signal,
  });
}

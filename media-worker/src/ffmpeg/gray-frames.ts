import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { runFfmpeg } from "./process.ts";

/** A tiny grayscale picture of one decoded frame: enough to tell slides apart, cheap to compare. */
export type GrayFrame = { time: number; pixels: Uint8Array };
export const grayFrameSize = { width: 160, height: 90 };

type FrameRun = {
  purpose: string;
  input: string;
  inputOptions: string[];
  /** Added to every frame time: the seek offset of a windowed decode. */
  timeOffset: number;
  workDir: string;
  /** A second output of full-colour stills, one per frame: `{ dir, width }`. */
  stills?: { dir: string; width: number };
  expectedSeconds?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
};

/**
 * Decodes the frames the input options let through (`-skip_frame nokey` for keyframes only,
 * `-ss/-t` for a window) into 160×90 gray pictures with their times, optionally writing a
 * colour still of each frame in the same run. `-fps_mode passthrough` keeps ffmpeg from
 * duplicating frames to fill a constant rate.
 */
export async function decodeGrayFrames(run: FrameRun): Promise<GrayFrame[]> {
  await mkdir(run.workDir, { recursive: true });
  const rawFile = join(run.workDir, `${run.purpose}-${process.hrtime.bigint()}.gray`);
  const times: number[] = [];
  const { width, height } = grayFrameSize;
  const graph = run.stills
    ? `[0:v:0]split=2[g][c];[g]scale=${width}:${height},format=gray,showinfo[gray];[c]scale=${run.stills.width}:-2[stills]`
    : `[0:v:0]scale=${width}:${height},format=gray,showinfo[gray]`;
  const outputs = [{ path: rawFile, options: ["-map", "[gray]", "-fps_mode", "passthrough", "-f", "rawvideo"] }];
  if (run.stills) {
    await mkdir(run.stills.dir, { recursive: true });
    const pattern = join(run.stills.dir, "frame-%05d.jpg");
    outputs.push({
      path: pattern,
      options: ["-map", "[stills]", "-fps_mode", "passthrough", "-start_number", "0", "-q:v", "4"],
    });
  }
  try {
    await runFfmpeg({
      purpose: run.purpose,
      logLevel: "info",
      inputs: [{ path: run.input, options: [...run.inputOptions, "-an", "-sn", "-dn"] }],
      filterGraph: graph,
      outputs,
      expectedSeconds: run.expectedSeconds,
      onProgress: run.onProgress,
      signal: run.signal,
      onLine: (line) => {
        const match = /Parsed_showinfo.*\bpts_time:\s*(-?[\d.]+)/.exec(line);
        if (match) times.push(run.timeOffset + Number(match[1]));
      },
    });
    const raw = await readFile(rawFile);
    const frameBytes = width * height;
    return times.slice(0, Math.floor(raw.length / frameBytes)).map((time, i) => ({
      time,
      pixels: new Uint8Array(raw.buffer, raw.byteOffset + i * frameBytes, frameBytes),
    }));
  } finally {
    await rm(rawFile, { force: true });
  }
}

/** Path of the i-th still written by `decodeGrayFrames` with `stills`. */
export const stillPath = (dir: string, index: number) => join(dir, `frame-${String(index).padStart(5, "0")}.jpg`);

/**
 * Keyframes only: a 20-minute lecture in about two seconds, but each change is seen up to one
 * GOP late. Writes a still of every keyframe for slide thumbnails at no extra decoding cost.
 *
 * @example
 * const frames = await scanKeyframes("source.mp4", { workDir, stillsDir, durationSeconds: 1200 });
 */
export function scanKeyframes(
  input: string,
  options: {
    workDir: string;
    stillsDir: string;
    stillWidth?: number;
    durationSeconds: number;
    onProgress?: (f: number) => void;
    signal?: AbortSignal;
  },
): Promise<GrayFrame[]> {
  return decodeGrayFrames({
    purpose: "keyframe_scan",
    input,
    inputOptions: ["-skip_frame", "nokey"],
    timeOffset: 0,
    workDir: options.workDir,
    stills: { dir: options.stillsDir, width: options.stillWidth ?? 640 },
    expectedSeconds: options.durationSeconds,
    onProgress: options.onProgress,
    signal: options.signal,
  });
}

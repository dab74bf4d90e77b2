import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { TimeRange } from "../../../agents/contracts/artifacts.ts";
import { type GrayFrame, grayFrameSize } from "./gray-frames.ts";
import { runFfmpeg } from "./process.ts";

export type WindowDecodeOptions = {
  workDir: string;
  /**
   * Decode only reference frames (`-skip_frame noref`): B-frames, about half of a typical
   * stream, are skipped, so a change is placed on the first reference frame that shows it, at
   * most the stream's B-frame run (one or two frames) late.
   */
  referenceFramesOnly?: boolean;
  signal?: AbortSignal;
};

/**
 * Decodes every frame of several short windows into 160×90 gray pictures, in ONE ffmpeg
 * process: each window is its own input with an exact seek, its own filter chain and its own
 * raw output. Starting ffmpeg and parsing a long MP4's index costs more than decoding a
 * 4-second window, so one process per window would spend most of its time starting up.
 *
 * @example
 * const [first, second] = await decodeWindows("source.mp4", [{ start: 16, end: 20.02 }, { start: 32, end: 36.02 }], { workDir });
 */
export async function decodeWindows(
  input: string,
  windows: TimeRange[],
  options: WindowDecodeOptions,
): Promise<GrayFrame[][]> {
  if (windows.length === 0) return [];
  const { width, height } = grayFrameSize;
  await mkdir(options.workDir, { recursive: true });
  const stamp = process.hrtime.bigint();
  const files = windows.map((_, i) => join(options.workDir, `window-${stamp}-${i}.gray`));
  const times: number[][] = windows.map(() => []);
  const inputs = windows.map((w) => ({
    path: input,
    options: [
      // Many decoders at once in one process: frame threads per decoder would only contend.
      "-threads",
      "1",
      ...(options.referenceFramesOnly ? ["-skip_frame", "noref"] : []),
      ...["-ss", w.start.toFixed(3), "-t", (w.end - w.start).toFixed(3), "-an", "-sn", "-dn"],
    ],
  }));
  const graph = windows.map((_, i) => `[${i}:v:0]scale=${width}:${height},format=gray,showinfo@w${i}[g${i}]`).join(";");
  try {
    await runFfmpeg({
      purpose: "window_decode",
      logLevel: "info",
      inputs,
      filterGraph: graph,
      outputs: files.map((path, i) => ({
        path,
        options: ["-map", `[g${i}]`, "-fps_mode", "passthrough", "-f", "rawvideo"],
      })),
      signal: options.signal,
      onLine: (line) => {
        const match = /^\[showinfo@w(\d+) @[^\]]*\].*\bpts_time:\s*(-?[\d.]+)/.exec(line);
        if (match) times[Number(match[1])]!.push(windows[Number(match[1])]!.start + Number(match[2]));
      },
    });
    const frameBytes = width * height;
    return await Promise.all(
      files.map(async (file, w) => {
        const raw = await readFile(file);
        return times[w]!.slice(0, Math.floor(raw.length / frameBytes)).map((time, i) => ({
          time,
          pixels: new Uint8Array(raw.buffer, raw.byteOffset + i * frameBytes, frameBytes),
        }));
      }),
    );
  } finally {
    await Promise.all(files.map((file) => rm(file, { force: true })));
  }
}

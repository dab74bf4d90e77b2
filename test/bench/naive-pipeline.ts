import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TimeRange } from "../../agents/contracts/artifacts.ts";

const run = promisify(execFile);
const ffmpeg = (args: string[]) =>
  run("ffmpeg", ["-hide_banner", "-nostdin", "-y", "-loglevel", "error", ...args], { maxBuffer: 1 << 26 });

/** Naive code sets no preset, so x264 runs at its default (medium); ours uses superfast. */
const reencode = ["-c:v", "libx264", "-c:a", "aac"];

/** Wall seconds of `work`. */
export async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** ffmpeg decoding every video frame once: the cost a frame-by-frame analysis cannot beat. */
export const fullDecode = (source: string) => seconds(() => ffmpeg(["-i", source, "-an", "-f", "null", "-"]));

/** The least any analysis must read: the audio decoded once plus a keyframe-only video scan. */
export const floor = (source: string) =>
  seconds(async () => {
    await ffmpeg(["-vn", "-i", source, "-f", "null", "-"]);
    await ffmpeg(["-skip_frame", "nokey", "-an", "-i", source, "-fps_mode", "passthrough", "-f", "null", "-"]);
  });

/**
 * The seed prototype's way, for comparison: scene detection over every decoded frame, one
 * ffmpeg run per audio measurement (silence and loudness without -vn, so each decodes the
 * video too, then the WAV), then `wholeReencodes`.
 */
export async function naivePipeline(source: string, clips: TimeRange[], workDir: string): Promise<number> {
  return seconds(async () => {
    await ffmpeg(["-i", source, "-vf", "select='gt(scene,0.05)',showinfo", "-an", "-f", "null", "-"]);
    await ffmpeg(["-i", source, "-af", "silencedetect=noise=-35dB:d=0.35", "-f", "null", "-"]);
    await ffmpeg(["-i", source, "-af", "ebur128", "-f", "null", "-"]);
    await ffmpeg(["-i", source, "-vn", "-ac", "1", "-ar", "16000", join(workDir, "naive-speech.wav")]);
    await wholeReencodes(source, clips, workDir);
  });
}

/**
 * The old compilation: each clip re-encoded whole with output seeking (decoding from the start
 * of the file), then the clips re-encoded again into the reel by the concat filter. Resolves
 * to its wall seconds.
 *
 * @example
 * const compileSeconds = await wholeReencodes("lecture.mp4", clips, workDir);
 */
export function wholeReencodes(source: string, clips: TimeRange[], workDir: string): Promise<number> {
  return seconds(async () => {
    const paths: string[] = [];
    for (const [i, clip] of clips.entries()) {
      const path = join(workDir, `naive-clip-${i}.mp4`);
      await ffmpeg(["-i", source, "-ss", String(clip.start), "-t", String(clip.end - clip.start), ...reencode, path]);
      paths.push(path);
    }
    const inputs = paths.flatMap((p) => ["-i", p]);
    const graph = `${paths.map((_, i) => `[${i}:v][${i}:a]`).join("")}concat=n=${paths.length}:v=1:a=1[v][a]`;
    const reel = join(workDir, "naive-reel.mp4");
    await ffmpeg([...inputs, "-filter_complex", graph, "-map", "[v]", "-map", "[a]", ...reencode, reel]);
  });
}

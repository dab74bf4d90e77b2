import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TimeRange } from "../../../agents/contracts/artifacts.ts";
import { audioEncoding, videoEncoding } from "./encode.ts";
import { runFfmpeg } from "./process.ts";

export type ReelClip = { path: string; durationSeconds: number };
export type ReelAssembly = {
  /** Clips in reel order, encoded by `encodeRange` with keyframes at `fade` and `duration - fade`. */
  clips: ReelClip[];
  /** The same clips as ranges of the source, for the audio. */
  sourceRanges: TimeRange[];
  source: string;
  fadeSeconds: number;
  fps: number;
  output: string;
  workDir: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
};

/**
 * Builds the reel from the finished clips, re-encoding only the crossfades: each join is a
 * `fade`-long xfade of the outgoing clip's last frames and the incoming clip's first frames;
 * everything between joins is copied from the clips (they carry keyframes exactly there and
 * share one encoding profile). On the 720p benchmark this turned a ~100 s reel encode into
 * four half-second ones. The audio is rendered from the source with acrossfade (cheap), so
 * the reel lasts exactly Σ durations − (n − 1) × fade.
 *
 * @example
 * await assembleReel({ clips, sourceRanges, source, fadeSeconds: 0.5, fps: 30, output: "reel.mp4", workDir });
 */
export async function assembleReel(reel: ReelAssembly): Promise<void> {
  const { clips, fadeSeconds: fade, fps, workDir, signal } = reel;
  const segments: string[] = [];
  const frames = (seconds: number) => String(Math.round(seconds * fps));
  for (const [i, clip] of clips.entries()) {
    const copyStart = i === 0 ? 0 : fade;
    const copyEnd = i === clips.length - 1 ? clip.durationSeconds : clip.durationSeconds - fade;
    if (Math.round((copyEnd - copyStart) * fps) > 0) {
      const path = join(workDir, `reel-copy-${i}.mp4`);
      await runFfmpeg({
        purpose: "reel",
        inputs: [{ path: clip.path, options: ["-ss", copyStart.toFixed(6)] }],
        outputs: [{ path, options: ["-map", "0:v:0", "-c", "copy", "-frames:v", frames(copyEnd - copyStart)] }],
        signal,
      });
      segments.push(path);
    }
    const next = clips[i + 1];
    if (next && fade > 0) {
      const path = join(workDir, `reel-join-${i}.mp4`);
      await runFfmpeg({
        purpose: "reel",
        inputs: [
          { path: clip.path, options: ["-ss", (clip.durationSeconds - fade).toFixed(6)] },
          { path: next.path, options: ["-t", fade.toFixed(6)] },
        ],
        filterGraph: `[0:v:0]setpts=PTS-STARTPTS[a];[1:v:0]setpts=PTS-STARTPTS[b];[a][b]xfade=transition=fade:duration=${fade}:offset=0[v]`,
        outputs: [{ path, options: ["-map", "[v]", ...videoEncoding, "-r", String(fps), "-frames:v", frames(fade)] }],
        signal,
      });
      segments.push(path);
    }
    reel.onProgress?.(((i + 1) / clips.length) * 0.8);
  }
  const list = join(workDir, "reel-segments.txt");
  await writeFile(list, segments.map((s) => `file '${s.replaceAll("'", "'\\''")}'\n`).join(""));
  const audio = join(workDir, "reel-audio.m4a");
  await renderReelAudio(reel.source, reel.sourceRanges, fade, audio, signal);
  const durationSeconds = clips.reduce((sum, c) => sum + c.durationSeconds, 0) - (clips.length - 1) * fade;
  await runFfmpeg({
    purpose: "reel",
    inputs: [{ path: list, options: ["-f", "concat", "-safe", "0"] }, { path: audio }],
    outputs: [
      {
        path: reel.output,
        options: [
          "-map",
          "0:v:0",
          "-map",
          "1:a:0",
          "-c",
          "copy",
          "-t",
          durationSeconds.toFixed(6),
          "-movflags",
          "+faststart",
        ],
      },
    ],
    signal,
  });
  reel.onProgress?.(1);
}

/**
 * The reel's sound straight from the source: exact input seeks joined by `acrossfade`, so
 * audio and video overlap at the same joins. Also the whole reel of an audio-only lecture.
 *
 * @example
 * await renderReelAudio("source.m4a", ranges, 0.5, "reel.m4a");
 */
export async function renderReelAudio(
  source: string,
  ranges: TimeRange[],
  fadeSeconds: number,
  output: string,
  signal?: AbortSignal,
): Promise<void> {
  const inputs = ranges.map((r) => ({
    path: source,
    options: ["-vn", "-ss", r.start.toFixed(6), "-t", (r.end - r.start).toFixed(6)],
  }));
  const chains = ranges.map((_, i) => `[${i}:a:0]aresample=48000,asetpts=PTS-STARTPTS[a${i}]`);
  let audio = "[a0]";
  for (let i = 1; i < ranges.length; i++) {
    chains.push(`${audio}[a${i}]acrossfade=d=${fadeSeconds}:c1=tri:c2=tri[x${i}]`);
    audio = `[x${i}]`;
  }
  const duration = ranges.reduce((sum, r) => sum + r.end - r.start, 0) - (ranges.length - 1) * fadeSeconds;
  await runFfmpeg({
    purpose: "reel",
    inputs,
    filterGraph: chains.join(";"),
    outputs: [
      {
        path: output,
        options: ["-map", audio, ...audioEncoding, "-t", duration.toFixed(6), "-movflags", "+faststart"],
      },
    ],
    expectedSeconds: duration,
    signal,
  });
}

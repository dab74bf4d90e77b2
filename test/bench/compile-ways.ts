import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TimeRange } from "../../agents/contracts/artifacts.ts";
import { encodeRange, videoEncoding } from "../../media-worker/src/ffmpeg/encode.ts";
import { assembleReel } from "../../media-worker/src/ffmpeg/reel.ts";
import { cutClip } from "../../media-worker/src/ffmpeg/smart-cut.ts";
import { chooseClipEncoding } from "../../media-worker/src/ffmpeg/source-encoding.ts";

export type CompileTiming = { wall_s: number; cpu_s: number };

/** CPU seconds of the child processes that ended so far: fair on a machine others load. */
function childCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function timed(work: () => Promise<void>): Promise<CompileTiming> {
  const cpu = childCpuSeconds();
  const started = performance.now();
  await work();
  const round = (n: number) => Math.round(n * 100) / 100;
  return { wall_s: round((performance.now() - started) / 1000), cpu_s: round(childCpuSeconds() - cpu) };
}

type Compile = { source: string; clips: TimeRange[]; fadeSeconds: number; fps: number; workDir: string };

/**
 * The compilation media alone (clips with posters, then the reel from them), both ways on the
 * same clips: `whole` re-encodes every clip whole with our profile (main before the smart
 * cut), `smart` re-encodes only heads and tails. Wall and CPU seconds each.
 *
 * @example
 * const { whole, smart, encoding } = await compileBothWays({ source, clips, fadeSeconds: 0.5, fps: 30, workDir });
 */
export async function compileBothWays(compile: Compile) {
  const whole = await timed(() =>
    compileWith(compile, "whole", async (range, output, poster, margin) => {
      const duration = range.end - range.start;
      const keyframesAt = [margin, duration - margin].filter((t) => t > 0 && t < duration);
      await encodeRange(compile.source, range, output, { hasVideo: true, fps: compile.fps, keyframesAt, poster });
    }),
  );
  let encodingKind = "";
  const smart = await timed(async () => {
    const dir = join(compile.workDir, "smart");
    mkdirSync(dir, { recursive: true });
    const encoding = await chooseClipEncoding(compile.source, { workDir: dir });
    encodingKind = encoding.kind;
    await compileWith(
      compile,
      "smart",
      async (range, output, poster, marginSeconds, workDir) => {
        await cutClip(compile.source, range, output, { encoding, fps: compile.fps, marginSeconds, poster, workDir });
      },
      encoding.video,
    );
  });
  return {
    whole,
    smart,
    encoding: encodingKind,
    smart_vs_whole_wall: Math.round((smart.wall_s / whole.wall_s) * 100) / 100,
  };
}

type ClipMaker = (
  range: TimeRange,
  output: string,
  poster: { time: number; path: string; width: number },
  marginSeconds: number,
  workDir: string,
) => Promise<void>;

async function compileWith(compile: Compile, name: string, makeClip: ClipMaker, video = videoEncoding) {
  const dir = join(compile.workDir, name);
  mkdirSync(dir, { recursive: true });
  const clips = [];
  for (const [i, range] of compile.clips.entries()) {
    const path = join(dir, `clip-${i}.mp4`);
    const clipDir = join(dir, `clip-${i}`);
    mkdirSync(clipDir, { recursive: true });
    const poster = { time: (range.end - range.start) / 3, path: join(dir, `poster-${i}.jpg`), width: 640 };
    await makeClip(range, path, poster, compile.fadeSeconds, clipDir);
    clips.push({ path, durationSeconds: range.end - range.start });
  }
  await assembleReel({
    clips,
    sourceRanges: compile.clips,
    source: compile.source,
    fadeSeconds: compile.fadeSeconds,
    fps: compile.fps,
    video,
    output: join(dir, "reel.mp4"),
    workDir: dir,
  });
}

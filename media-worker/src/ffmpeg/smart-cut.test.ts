import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateLecture } from "../../../infra/sample-lecture/lecture.ts";
import type { GroundTruth } from "../../../infra/sample-lecture/lecture-types.ts";
import { shortScript, sortingLecture } from "../../../infra/sample-lecture/scripts.ts";
import { changedCellFraction } from "../layout/frame-difference.ts";
import { readVideoPackets } from "./packets.ts";
import { runFfmpeg } from "./process.ts";
import { cutClip } from "./smart-cut.ts";
import { chooseClipEncoding } from "./source-encoding.ts";
import { decodeWindows } from "./window-decode.ts";

const fps = 30;
const gopSeconds = 2;
const workDir = mkdtempSync(join(tmpdir(), "lh-smart-cut-"));
let source: string;
let truth: GroundTruth;

beforeAll(async () => {
  ({ path: source, truth } = await generateLecture({
    script: shortScript(sortingLecture, 3, 2),
    width: 320,
    height: 180,
    fps,
    gopSeconds,
  }));
});

const onGrid = (t: number) => Math.round(t * fps) / fps;
let clipCount = 0;
async function cut(input: string, range: { start: number; end: number }, marginSeconds = 0.5) {
  const name = `clip-${++clipCount}`;
  const encoding = await chooseClipEncoding(input, { workDir });
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  const path = join(workDir, `${name}.mp4`);
  const poster = { time: 1, path: join(workDir, `${name}.jpg`), width: 160 };
  await cutClip(input, range, path, { encoding, fps, marginSeconds, poster, workDir: dir });
  return { encoding, path };
}

/** Time of the largest frame-to-frame jump in a file: where the slide changes. */
async function changeTime(path: string): Promise<number> {
  const [frames = []] = await decodeWindows(path, [{ start: 0, end: 60 }], { workDir });
  let best = { time: 0, score: -1 };
  for (let i = 1; i < frames.length; i++) {
    const score = changedCellFraction(frames[i - 1]!, frames[i]!);
    if (score > best.score) best = { time: frames[i]!.time, score };
  }
  return best.time;
}

const decodeErrors = (path: string) =>
  execFileSync("ffmpeg", ["-v", "error", "-i", path, "-f", "null", "-"], {
    stdio: ["ignore", "pipe", "pipe"],
  }).toString();

describe("cutClip", () => {
  it("copies the source's packets between the margins and stays exact to the frame", async () => {
    const change = truth.slideChanges[0]!;
    // Starts and ends between keyframes, with whole GOPs between.
    const range = { start: onGrid(change - gopSeconds - 0.7), end: onGrid(change + 2 * gopSeconds + 0.9) };
    const { encoding, path } = await cut(source, range);
    expect(encoding.kind).toBe("smart-cut");
    const packets = await readVideoPackets(path);
    expect(packets).toHaveLength(Math.round((range.end - range.start) * fps));
    expect(Math.abs((await changeTime(path)) - (change - range.start))).toBeLessThanOrEqual(1 / fps + 1e-6);
    // Keyframes where the reel cuts: at 0.5 s from either end.
    const keyframes = packets.filter((p) => p.keyframe).map((p) => p.time);
    const duration = range.end - range.start;
    for (const t of [0, 0.5, duration - 0.5]) {
      expect(keyframes.some((k) => Math.abs(k - t) < 0.5 / fps)).toBe(true);
    }
    // The middle is the source's own bytes: packet sizes between the first and last source keyframe match.
    const sourceSizes = (await readVideoPackets(source))
      .filter((p) => p.time > range.start - 0.5 / fps && p.time < range.end - 0.5 / fps)
      .sort((a, b) => a.time - b.time)
      .map((p) => p.size);
    const clipSizes = [...packets].sort((a, b) => a.time - b.time).map((p) => p.size);
    const shared = clipSizes.filter((size, i) => size === sourceSizes[i]).length;
    expect(shared).toBeGreaterThanOrEqual(2 * gopSeconds * fps);
    expect(decodeErrors(path)).toBe("");
  });

  it("encodes a clip with no whole GOP inside its margins whole, still frame-exact", async () => {
    const change = truth.slideChanges[0]!;
    const range = { start: onGrid(change - 0.6), end: onGrid(change + 0.8) };
    const { path } = await cut(source, range);
    expect(await readVideoPackets(path)).toHaveLength(Math.round((range.end - range.start) * fps));
    expect(Math.abs((await changeTime(path)) - (change - range.start))).toBeLessThanOrEqual(1 / fps + 1e-6);
  });

  it("re-encodes the whole clip when the source is not x264's H.264", async () => {
    const mpeg4 = join(workDir, "source-mpeg4.mp4");
    await runFfmpeg({
      purpose: "test",
      inputs: [{ path: source }],
      outputs: [{ path: mpeg4, options: ["-c:v", "mpeg4", "-q:v", "5", "-g", "60", "-c:a", "copy"] }],
    });
    const change = truth.slideChanges[0]!;
    const range = { start: onGrid(change - 4.7), end: onGrid(change + 4.9) };
    const { encoding, path } = await cut(mpeg4, range);
    expect(encoding).toMatchObject({ kind: "whole", reason: "the video is mpeg4, not H.264" });
    expect(await readVideoPackets(path)).toHaveLength(Math.round((range.end - range.start) * fps));
    expect(Math.abs((await changeTime(path)) - (change - range.start))).toBeLessThanOrEqual(1 / fps + 1e-6);
  });
});

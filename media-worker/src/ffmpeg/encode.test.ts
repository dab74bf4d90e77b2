import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateLecture } from "../../../infra/sample-lecture/lecture.ts";
import type { GroundTruth } from "../../../infra/sample-lecture/lecture-types.ts";
import { shortScript, sortingLecture } from "../../../infra/sample-lecture/scripts.ts";
import { changedCellFraction } from "../layout/frame-difference.ts";
import { encodeRange } from "./encode.ts";
import { decodeWindows } from "./window-decode.ts";

const fps = 30;
const workDir = mkdtempSync(join(tmpdir(), "lh-encode-"));
let source: string;
let truth: GroundTruth;

beforeAll(async () => {
  ({ path: source, truth } = await generateLecture({
    script: shortScript(sortingLecture, 2, 1),
    width: 320,
    height: 180,
    fps,
    gopSeconds: 2,
  }));
});

/** Time of the largest frame-to-frame jump in a file: where the slide changes. */
async function changeTime(path: string, seconds: number): Promise<number> {
  const [frames = []] = await decodeWindows(path, [{ start: 0, end: seconds }], { workDir });
  let best = { time: 0, score: -1 };
  for (let i = 1; i < frames.length; i++) {
    const score = changedCellFraction(frames[i - 1]!, frames[i]!);
    if (score > best.score) best = { time: frames[i]!.time, score };
  }
  return best.time;
}

describe("encodeRange", () => {
  it("starts a clip on the frame at its start and gives it the exact frame count", async () => {
    const change = truth.slideChanges[0]!;
    // Starts between keyframes, so the first frames must be decoded from the GOP and dropped.
    const range = { start: Math.round((change - 1.3) * fps) / fps, end: Math.round((change + 1.1) * fps) / fps };
    const clip = join(workDir, "clip.mp4");
    await encodeRange(source, range, clip, { hasVideo: true, fps });
    const [frames = []] = await decodeWindows(clip, [{ start: 0, end: 10 }], { workDir });
    expect(frames).toHaveLength(Math.round((range.end - range.start) * fps));
    expect(Math.abs((await changeTime(clip, 10)) - (change - range.start))).toBeLessThanOrEqual(1 / fps + 1e-6);
  });
});

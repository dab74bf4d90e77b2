import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobErrorCode } from "../../agents/contracts/job.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import type { GroundTruth } from "../../infra/sample-lecture/lecture-types.ts";
import { cellBiologyLecture, shortScript } from "../../infra/sample-lecture/scripts.ts";
import { JobFailure } from "../../media-worker/src/job-failure.ts";
import { defaultStageTimeoutSeconds } from "../../media-worker/src/pipeline/context.ts";
import { startTestS3, type TestS3 } from "../support/local-s3.ts";
import { runWithTruth, uploadJob } from "../support/pipeline-harness.ts";
import { expectPlainMessage } from "../support/plain-message.ts";

const dir = mkdtempSync(join(tmpdir(), "lh-bad-"));
const script = shortScript(cellBiologyLecture, 2, 1);
let s3: TestS3;
let lecture: { path: string; truth: GroundTruth };

beforeAll(async () => {
  s3 = await startTestS3();
  lecture = await generateLecture({ script, width: 320, height: 180, gopSeconds: 2 });
});
afterAll(async () => s3?.stop());

async function failureOf(path: string, ext: string, maxDurationSeconds = 3600): Promise<JobFailure> {
  const spec = await uploadJob(s3.store(), path, ext);
  const settings = { maxDurationSeconds, stageTimeoutSeconds: defaultStageTimeoutSeconds };
  const error = await runWithTruth(s3.store(), spec, lecture.truth, { settings }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobFailure);
  return error as JobFailure;
}
/** The same 64 KB of noise on every run, so the damage (and what ffmpeg says of it) is repeatable. */
function seededGarbage(size: number): Buffer {
  const out = Buffer.alloc(size);
  let state = 0x2545f491;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

const expectCode = async (path: string, ext: string, code: JobErrorCode, max?: number, stage = "probe") => {
  const failure = await failureOf(path, ext, max);
  expect(failure.code).toBe(code);
  expect(failure.stage).toBe(stage);
  expect(failure.retryable).toBe(false);
  expectPlainMessage(failure.message);
};

describe("bad inputs fail at probe, each with its own code", () => {
  it("a text file renamed .mp4 is not media", async () => {
    writeFileSync(join(dir, "notes.mp4"), "These are my lecture notes, not a video.\n".repeat(200));
    await expectCode(join(dir, "notes.mp4"), "mp4", "input_not_media");
  });

  it("random bytes named .flac are not media", async () => {
    writeFileSync(join(dir, "noise.flac"), randomBytes(256 * 1024));
    await expectCode(join(dir, "noise.flac"), "flac", "input_not_media");
  });

  it("an mp4 with 64 KB of garbage in the middle is corrupt, found by the first stage that decodes it", async () => {
    // 20 s of busy 640×360 video (~700 KB), so the garbage sits inside the streams' data.
    const source = join(dir, "busy.mp4");
    execFileSync("ffmpeg", [
      ...["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=s=640x360:r=30", "-f", "lavfi", "-i", "sine=f=440"],
      ...[
        "-t",
        "20",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-g",
        "60",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        source,
      ],
    ]);
    const bytes = readFileSync(source);
    const middle = Math.floor(bytes.length / 2);
    const damaged = Buffer.concat([
      bytes.subarray(0, middle),
      seededGarbage(64 * 1024),
      bytes.subarray(middle + 64 * 1024),
    ]);
    writeFileSync(join(dir, "damaged.mp4"), damaged);
    // The probe reads the header and the last 1.5 s, both intact; the keyframe scan of the
    // layout stage is the first to decode the middle (the audio pass tolerates a few bad frames).
    await expectCode(join(dir, "damaged.mp4"), "mp4", "input_corrupt", undefined, "layout");
  });

  it("a truncated mp4 is undecodable", async () => {
    const bytes = readFileSync(lecture.path);
    writeFileSync(join(dir, "truncated.mp4"), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectCode(join(dir, "truncated.mp4"), "mp4", "input_undecodable");
  });

  it("a video without audio has no audio", async () => {
    const silent = await generateLecture({ script, width: 320, height: 180, gopSeconds: 2, withoutAudio: true });
    await expectCode(silent.path, "mp4", "input_no_audio");
  });

  it("a 0-byte file and a 0-second mp4 are empty", async () => {
    writeFileSync(join(dir, "empty.mp4"), "");
    await expectCode(join(dir, "empty.mp4"), "mp4", "input_empty");
    const zero = join(dir, "zero.mp4");
    execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=s=320x180", "-frames:v", "0", zero]);
    await expectCode(zero, "mp4", "input_empty");
  });

  it("a file over the maximum duration is too long", async () => {
    await expectCode(lecture.path, "mp4", "input_too_long", lecture.truth.durationSeconds - 1);
  });

  it("an upload replaced after it completed is input_changed; the pinned object itself is read", async () => {
    const spec = await uploadJob(s3.store(), lecture.path, "mp4");
    const settings = { maxDurationSeconds: 1, stageTimeoutSeconds: defaultStageTimeoutSeconds };
    spec.input.etag = '"0123456789abcdef0123456789abcdef"';
    const replaced = await runWithTruth(s3.store(), spec, lecture.truth, { settings }).catch((e: unknown) => e);
    expect(replaced).toMatchObject({ code: "input_changed", retryable: false });
    expectPlainMessage((replaced as JobFailure).message);
    // The ETag of a single PUT is the MD5 of its bytes: with it pinned, the download goes through (to the probe).
    spec.input.etag = `"${createHash("md5").update(readFileSync(lecture.path)).digest("hex")}"`;
    const pinned = await runWithTruth(s3.store(), spec, lecture.truth, { settings }).catch((e: unknown) => e);
    expect(pinned).toMatchObject({ code: "input_too_long" });
  });

  it("a missing upload is input_missing", async () => {
    const spec = await uploadJob(s3.store(), lecture.path, "mp4");
    spec.input.key = "uploads/nobody/nothing/source.mp4";
    const error = await runWithTruth(s3.store(), spec, lecture.truth).catch((e: unknown) => e);
    expect((error as JobFailure).code).toBe("input_missing");
  });
});

describe("stage limits", () => {
  it("a stage over its time limit fails with stage_timeout, retryable", async () => {
    const spec = await uploadJob(s3.store(), lecture.path, "mp4");
    const settings = { maxDurationSeconds: 3600, stageTimeoutSeconds: { ...defaultStageTimeoutSeconds, layout: 0.05 } };
    const error = await runWithTruth(s3.store(), spec, lecture.truth, { settings }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "stage_timeout", stage: "layout", retryable: true });
  });
});

describe("audio-only input", () => {
  it("is processed into audio clips and an audio reel, without video outputs", async () => {
    const audio = await generateLecture({ script: shortScript(cellBiologyLecture, 3, 1), audioOnly: true });
    const spec = await uploadJob(s3.store(), audio.path, "m4a", { highlightCount: 2 });
    const { result } = await runWithTruth(s3.store(), spec, audio.truth);
    expect(result.manifest.highlights).toHaveLength(2);
    expect(result.manifest.highlights.every((h) => h.clipKey?.endsWith(".m4a") && h.thumbnailKey === null)).toBe(true);
    expect(result.manifest.reel?.key.endsWith(".m4a")).toBe(true);
  });
});

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCaptions } from "../../agents/compilation/caption-formats.ts";
import type { AudioAnalysis, LayoutAnalysis, ResultManifest } from "../../agents/contracts/artifacts.ts";
import { storageKeys } from "../../agents/contracts/storage-keys.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import type { GroundTruth } from "../../infra/sample-lecture/lecture-types.ts";
import { calculusLecture, shortScript } from "../../infra/sample-lecture/scripts.ts";
import { startTestS3, type TestS3 } from "../support/local-s3.ts";
import { runWithTruth, uploadJob } from "../support/pipeline-harness.ts";

const fps = 30;
const frame = 1 / fps;
let s3: TestS3;
let truth: GroundTruth;
let run: Awaited<ReturnType<typeof runWithTruth>>;
let spec: Awaited<ReturnType<typeof uploadJob>>;
const downloads = mkdtempSync(join(tmpdir(), "lh-pipeline-"));

const probeVideo = (path: string) => {
  const out = execFileSync("ffprobe", [
    "-v",
    "error",
    "-count_frames",
    "-select_streams",
    "v:0",
    "-show_entries",
    "stream=nb_read_frames,duration",
    "-of",
    "json",
    path,
  ]);
  const stream = JSON.parse(out.toString()).streams[0];
  return { frames: Number(stream.nb_read_frames), duration: Number(stream.duration) };
};
const fetchOutput = async (key: string, name: string) => {
  const path = join(downloads, name);
  await s3.store().download(key, path);
  return path;
};

beforeAll(async () => {
  s3 = await startTestS3();
  const lecture = await generateLecture({
    script: shortScript(calculusLecture, 4, 2),
    width: 640,
    height: 360,
    fps,
    gopSeconds: 2,
    presenterInset: true,
  });
  truth = lecture.truth;
  spec = await uploadJob(s3.store(), lecture.path, "mp4", { highlightCount: 3 });
  run = await runWithTruth(s3.store(), spec, truth);
});
afterAll(async () => s3?.stop());

describe("pipeline over a generated lecture", () => {
  it("finds every slide change within 0.2 s, with no false changes", async () => {
    const layout = (await s3.store().getJson<LayoutAnalysis>(storageKeys.checkpoint(spec.jobId, "layout")))!;
    expect(layout.slideChanges).toHaveLength(truth.slideChanges.length);
    for (const [i, t] of layout.slideChanges.entries()) {
      expect(Math.abs(t - truth.slideChanges[i]!)).toBeLessThanOrEqual(0.2);
    }
    expect(layout.segments.every((s) => s.thumbnailKey)).toBe(true);
  });

  it("finds the pauses within 0.3 s", async () => {
    const audio = (await s3.store().getJson<AudioAnalysis>(storageKeys.checkpoint(spec.jobId, "audio")))!;
    expect(audio.silences).toHaveLength(truth.pauses.length);
    audio.silences.forEach((s, i) => {
      expect(Math.abs(s.start - truth.pauses[i]!.start)).toBeLessThanOrEqual(0.3);
      expect(Math.abs(s.end - truth.pauses[i]!.end)).toBeLessThanOrEqual(0.3);
    });
    expect(audio.integratedLoudnessLufs).toBeTypeOf("number");
  });

  it("cuts every clip to its planned range within one frame", async () => {
    const manifest = run.result.manifest;
    expect(manifest.highlights).toHaveLength(3);
    for (const [i, h] of manifest.highlights.entries()) {
      const clip = probeVideo(await fetchOutput(h.clipKey!, `clip-${i}.mp4`));
      const expectedFrames = Math.round(h.end * fps) - Math.round(h.start * fps);
      expect(Math.abs(clip.frames - expectedFrames)).toBeLessThanOrEqual(1);
      expect(Math.abs(clip.duration - (h.end - h.start))).toBeLessThanOrEqual(frame + 1e-6);
    }
  });

  it("makes the reel exactly as long as its clips minus the crossfade overlaps", async () => {
    const manifest: ResultManifest = run.result.manifest;
    const clipSeconds = manifest.highlights.reduce(
      (sum, h) => sum + Math.round(h.end * fps) / fps - Math.round(h.start * fps) / fps,
      0,
    );
    const fade = manifest.stats.reelFadeSeconds as number;
    const expected = clipSeconds - (manifest.highlights.length - 1) * fade;
    expect(manifest.reel!.durationSeconds).toBeCloseTo(expected, 6);
    const reelPath = await fetchOutput(manifest.reel!.key, "reel.mp4");
    const reel = probeVideo(reelPath);
    expect(Math.abs(reel.duration - expected)).toBeLessThanOrEqual(frame + 1e-6);
    expect(Math.abs(reel.frames - Math.round(expected * fps))).toBeLessThanOrEqual(1);
    // Copied segments and re-encoded joins must decode as one clean stream.
    const decodeErrors = execFileSync("ffmpeg", ["-v", "error", "-i", reelPath, "-f", "null", "-"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(decodeErrors.toString()).toBe("");
  });

  it("writes captions that parse, and retimes the reel's onto the reel", async () => {
    const manifest = run.result.manifest;
    const lecture = parseCaptions(readFileSync(await fetchOutput(manifest.transcript.vttKey, "lecture.vtt"), "utf8"));
    // Every sentence is said, in order, in cues of at most two 42-character lines and 7 s.
    expect(lecture.length).toBeGreaterThanOrEqual(truth.sentences.length);
    expect(lecture.map((c) => c.text.replaceAll("\n", " ")).join(" ")).toBe(
      truth.sentences.map((s) => s.text).join(" "),
    );
    for (const cue of lecture) {
      expect(cue.text.split("\n").length).toBeLessThanOrEqual(2);
      expect(cue.text.split("\n").every((line) => line.length <= 42)).toBe(true);
      expect(cue.end - cue.start).toBeLessThanOrEqual(7);
    }
    expect(lecture[0]!.start).toBeCloseTo(truth.sentences[0]!.start, 2);
    const srt = parseCaptions(readFileSync(await fetchOutput(manifest.transcript.srtKey, "lecture.srt"), "utf8"));
    expect(srt).toEqual(lecture);
    const reelCues = parseCaptions(readFileSync(await fetchOutput(manifest.reelCaptions!.vttKey, "reel.vtt"), "utf8"));
    const first = manifest.highlights[0]!;
    const firstSentence = truth.sentences.find((s) => s.start >= first.start)!;
    expect(reelCues[0]!.start).toBeCloseTo(firstSentence.start - first.start, 2);
    expect(reelCues.at(-1)!.end).toBeLessThanOrEqual(manifest.reel!.durationSeconds + 0.001);
  });

  it("skips every finished stage when the job is retried", async () => {
    const again = await runWithTruth(s3.store(), { ...spec, attempt: 2 }, truth);
    expect(again.reporter.stages.every((s) => s.status === "skipped")).toBe(true);
    expect(again.reporter.stages).toHaveLength(7);
    expect(Object.values(again.calls).every((n) => n === 0)).toBe(true);
    expect(again.result.manifest).toEqual(run.result.manifest);
  });
});

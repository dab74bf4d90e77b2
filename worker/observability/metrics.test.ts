import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ResultManifest, WorkerEvent } from "../../agents/contracts/index.ts";
import { insertJob, readJob, signedReport } from "../../test/support/worker/jobs.ts";
import { appWithMetrics } from "../../test/support/worker/metrics.ts";
import { jobFinishedPoint, requestPoint, stagePoint, writeMetric } from "./metrics.ts";

const at = () => new Date().toISOString();

const manifest: ResultManifest = {
  durationSeconds: 600,
  highlights: [],
  chapters: [{ start: 0, title: "Intro", summary: "" }],
  reel: null,
  transcript: { jsonKey: "t.json", vttKey: "t.vtt", srtKey: "t.srt" },
  reelCaptions: null,
  stats: {},
};

describe("data points", () => {
  it("lays requests, stages and jobs out in the documented columns", () => {
    expect(requestPoint({ route: "/v1/jobs/:id", method: "DELETE", status: 503, latencyMs: 40 })).toEqual({
      indexes: ["/v1/jobs/:id"],
      blobs: ["request", "/v1/jobs/:id", "DELETE", "5xx"],
      doubles: [503, 40],
    });
    expect(stagePoint({ stage: "transcription", status: "skipped", durationMs: 1500, attempt: 2 })).toEqual({
      indexes: ["transcription"],
      blobs: ["stage", "transcription", "skipped"],
      doubles: [1.5, 2],
    });
    const startedAt = new Date("2026-12-03T08:00:00Z");
    const finishedAt = new Date("2026-12-03T08:15:00Z");
    const completed = { status: "completed" as const, errorCode: null, startedAt, finishedAt, attempt: 1 };
    expect(jobFinishedPoint({ ...completed, durationSeconds: 3600 })).toEqual({
      indexes: ["completed"],
      blobs: ["job", "completed", ""],
      doubles: [900, 3600, 0.25, 1],
    });
    // Failed before the probe measured the lecture: no real-time factor rather than a division by zero.
    const failed = { ...completed, status: "failed" as const, errorCode: "input_not_media", durationSeconds: null };
    expect(jobFinishedPoint(failed)).toEqual({
      indexes: ["failed"],
      blobs: ["job", "failed", "input_not_media"],
      doubles: [900, 0, 0, 1],
    });
  });

  it("writes through the real dataset binding, and is a no-op without one", () => {
    expect(env.METRICS).toBeDefined();
    const point = requestPoint({ route: "/health", method: "GET", status: 200, latencyMs: 1 });
    expect(() => writeMetric(env, point)).not.toThrow();
    expect(() => writeMetric({ METRICS: undefined }, point)).not.toThrow();
  });
});

describe("job metrics from media worker reports", () => {
  it("measures each stage once, however often its report arrives", async () => {
    const metrics = appWithMetrics();
    const job = await insertJob({ status: "processing", startedAt: new Date() });
    const stage: WorkerEvent = {
      jobId: job.id,
      attempt: 1,
      seq: 0,
      at: at(),
      type: "stage",
      stage: "probe",
      status: "completed",
      checkpointKey: "k",
      durationMs: 2500,
    };
    for (let i = 0; i < 2; i++) {
      const report = await signedReport(stage);
      expect((await metrics.request(report.url, report.init)).status).toBe(200);
    }
    expect(metrics.of("stage")).toEqual([stagePoint(stage)]);
  });

  it("measures a finished job's outcome, error code, seconds and real-time factor", async () => {
    const metrics = appWithMetrics();
    const startedAt = new Date(Date.now() - 300_000);
    const [done, broken] = await Promise.all([
      insertJob({ status: "processing", startedAt }),
      insertJob({ status: "processing", startedAt, attempt: 2 }),
    ]);
    const completed: WorkerEvent = {
      ...{ jobId: done.id, attempt: 1, seq: 0, at: at() },
      type: "completed",
      manifestKey: `jobs/${done.id}/outputs/manifest.json`,
      manifest,
    };
    const failed: WorkerEvent = {
      ...{ jobId: broken.id, attempt: 2, seq: 0, at: at() },
      type: "failed",
      code: "input_no_audio",
      message: "no audio",
      retryable: false,
    };
    for (const event of [completed, failed]) {
      const report = await signedReport(event);
      expect(await (await metrics.request(report.url, report.init)).json()).toEqual({ applied: true });
    }
    const jobs = metrics.of("job");
    expect(jobs).toEqual([jobFinishedPoint(await readJob(done.id)), jobFinishedPoint(await readJob(broken.id))]);
    expect(jobs.map((point) => point.blobs)).toEqual([
      ["job", "completed", ""],
      ["job", "failed", "input_no_audio"],
    ]);
    const [processingSeconds, lectureSeconds, realTimeFactor] = jobs[0]!.doubles!;
    expect(processingSeconds).toBeGreaterThanOrEqual(300);
    expect(lectureSeconds).toBe(600);
    expect(realTimeFactor).toBeCloseTo(processingSeconds! / 600);
    expect(jobs[1]!.doubles![3]).toBe(2);
  });
});

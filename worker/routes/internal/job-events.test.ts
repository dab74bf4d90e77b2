import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ResultManifest, WorkerEvent } from "../../../agents/contracts/index.ts";
import { signInternalRequest } from "../../../agents/contracts/internal-auth.ts";
import { schema } from "../../../db/client.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { eventsUrl, insertJob, readJob, reportEvent, signedReport } from "../../../test/support/worker/jobs.ts";

const at = () => new Date().toISOString();

describe("POST /internal/jobs/:id/events", () => {
  it("rejects a missing, forged or old signature with 401 problem+json", async () => {
    const job = await insertJob({ status: "processing" });
    const event: WorkerEvent = { jobId: job.id, attempt: 1, seq: 0, at: at(), type: "started" };
    const body = JSON.stringify(event);
    const url = eventsUrl(job.id);
    const unsigned = await SELF.fetch(url, { method: "POST", body });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ code: "invalid_signature" });
    expect((await reportEvent(event, "a-forged-secret-of-some-length")).status).toBe(401);
    const call = { method: "POST", target: url, body, jobId: job.id, attempt: 1 };
    const hourOld = await signInternalRequest(env.MEDIA_WORKER_SECRET, call, Math.floor(Date.now() / 1000) - 3600);
    const replayed = await SELF.fetch(url, { method: "POST", body, headers: hourOld });
    expect(replayed.status).toBe(401);
    expect((await readJob(job.id)).lastEventSeq).toBe(-1);
  });

  it("refuses a captured report sent again, even a heartbeat that would extend the lease", async () => {
    const soon = new Date(Date.now() + 5_000);
    const job = await insertJob({ status: "processing", leaseExpiresAt: soon });
    const captured = await signedReport({ jobId: job.id, attempt: 1, seq: 0, at: at(), type: "heartbeat" });
    expect(await (await SELF.fetch(captured.url, captured.init)).json()).toEqual({ applied: true });
    const replayed = await SELF.fetch(captured.url, captured.init);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({
      code: "invalid_signature",
      detail: expect.stringContaining("replayed"),
    });
  });

  it("refuses a captured report replayed onto another job's path, or with its path or query changed", async () => {
    const [job, other] = await Promise.all([insertJob({ status: "processing" }), insertJob({ status: "processing" })]);
    const captured = await signedReport({ jobId: job.id, attempt: 1, seq: 0, at: at(), type: "started" });
    for (const url of [eventsUrl(other.id), `${captured.url}?attempt=2`]) {
      const response = await SELF.fetch(url, captured.init);
      expect(response.status, url).toBe(401);
    }
    // A body naming another job than the path, even signed that way, is refused before it is read as a report.
    const body = JSON.stringify({ jobId: other.id, attempt: 1, seq: 0, at: at(), type: "started" });
    const forOther = { method: "POST", target: eventsUrl(job.id), body, jobId: other.id, attempt: 1 };
    const headers = await signInternalRequest(env.MEDIA_WORKER_SECRET, forOther);
    const crossJob = await SELF.fetch(eventsUrl(job.id), { method: "POST", body, headers });
    expect(crossJob.status).toBe(401);
    expect(await crossJob.json()).toMatchObject({ detail: expect.stringContaining("wrong_job") });
    expect((await readJob(other.id)).lastEventSeq).toBe(-1);
    expect(await (await SELF.fetch(captured.url, captured.init)).json()).toEqual({ applied: true });
  });

  it("does not exist on the public hostname: 404, whatever the signature", async () => {
    const job = await insertJob({ status: "processing" });
    const captured = await signedReport({ jobId: job.id, attempt: 1, seq: 0, at: at(), type: "started" });
    const publicUrl = new URL(new URL(captured.url).pathname, env.PUBLIC_BASE_URL).toString();
    const response = await SELF.fetch(publicUrl, captured.init);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "not_found" });
    expect((await readJob(job.id)).lastEventSeq).toBe(-1);
  });

  it("applies progress once, however often the same report arrives", async () => {
    const job = await insertJob({ status: "processing" });
    const event: WorkerEvent = {
      jobId: job.id,
      attempt: 1,
      seq: 0,
      at: at(),
      type: "progress",
      stage: "probe",
      progress: 0.5,
    };
    expect(await (await reportEvent(event)).json()).toEqual({ applied: true });
    expect(await (await reportEvent(event)).json()).toEqual({ applied: false, reason: "duplicate report" });
    const updated = await readJob(job.id);
    expect(updated).toMatchObject({
      stage: "probe",
      lastEventSeq: 0,
      stages: { probe: { status: "running", progress: 0.5 } },
    });
    expect(updated.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    const stored = await withTestDatabase((db) =>
      db.select().from(schema.jobEvents).where(eq(schema.jobEvents.jobId, job.id)),
    );
    expect(stored).toHaveLength(1);
  });

  it("extends the lease on a heartbeat without storing it, publishing it or holding back later progress", async () => {
    const soon = new Date(Date.now() + 5_000);
    const job = await insertJob({ status: "processing", leaseExpiresAt: soon, lastEventSeq: 4 });
    const heartbeat: WorkerEvent = { jobId: job.id, attempt: 1, seq: 9, at: at(), type: "heartbeat" };
    expect(await (await reportEvent(heartbeat)).json()).toEqual({ applied: true });
    const renewed = await readJob(job.id);
    expect(renewed.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 100_000);
    expect(renewed.lastEventSeq).toBe(4);
    const stored = await withTestDatabase((db) =>
      db.select().from(schema.jobEvents).where(eq(schema.jobEvents.jobId, job.id)),
    );
    expect(stored).toEqual([]);
    const progress: WorkerEvent = { ...heartbeat, seq: 5, type: "progress", stage: "audio", progress: 0.5 };
    expect(await (await reportEvent(progress)).json()).toEqual({ applied: true });
  });

  it("does not extend the lease on a heartbeat of an attempt that is no longer current", async () => {
    const soon = new Date(Date.now() + 5_000);
    const job = await insertJob({ status: "processing", attempt: 2, leaseExpiresAt: soon });
    const heartbeat: WorkerEvent = { jobId: job.id, attempt: 1, seq: 3, at: at(), type: "heartbeat" };
    expect(await (await reportEvent(heartbeat)).json()).toMatchObject({ applied: false });
    expect((await readJob(job.id)).leaseExpiresAt).toEqual(soon);
  });

  it("ignores a late report from an earlier attempt", async () => {
    const job = await insertJob({ status: "processing", attempt: 2 });
    const stale: WorkerEvent = {
      jobId: job.id,
      attempt: 1,
      seq: 7,
      at: at(),
      type: "progress",
      stage: "layout",
      progress: 0.9,
    };
    expect(await (await reportEvent(stale)).json()).toMatchObject({ applied: false });
    expect(await readJob(job.id)).toMatchObject({ stage: null, lastEventSeq: -1, attempt: 2 });
  });

  it("completes the job and stores its highlights in timeline order", async () => {
    const job = await insertJob({ status: "processing" });
    const highlight = {
      title: "Key idea",
      summary: "Why it matters.",
      keyPhrases: ["entropy"],
      score: 0.9,
      chapterIndex: 0,
    };
    const manifest: ResultManifest = {
      durationSeconds: 600,
      highlights: [
        { ...highlight, start: 30, end: 60, clipKey: `jobs/${job.id}/outputs/clip-0.mp4`, thumbnailKey: null },
        { ...highlight, start: 300, end: 340, clipKey: `jobs/${job.id}/outputs/clip-1.mp4`, thumbnailKey: null },
      ],
      chapters: [{ start: 0, title: "Intro", summary: "" }],
      reel: { key: `jobs/${job.id}/outputs/reel.mp4`, durationSeconds: 70 },
      transcript: { jsonKey: "t.json", vttKey: "t.vtt", srtKey: "t.srt" },
      reelCaptions: null,
      stats: { transcriptionBackend: "pocketsphinx", costUsd: 0.0123 },
    };
    const response = await reportEvent({
      jobId: job.id,
      attempt: 1,
      seq: 0,
      at: at(),
      type: "completed",
      manifestKey: `jobs/${job.id}/outputs/manifest.json`,
      manifest,
    });
    expect(await response.json()).toEqual({ applied: true });
    expect(await readJob(job.id)).toMatchObject({
      status: "completed",
      progress: 1,
      manifestKey: `jobs/${job.id}/outputs/manifest.json`,
      durationSeconds: 600,
      aiCostUsd: 0.0123, // kept on the row for usage, which sums it in SQL
    });
    // A late progress report after completion changes nothing.
    const late: WorkerEvent = {
      jobId: job.id,
      attempt: 1,
      seq: 1,
      at: at(),
      type: "progress",
      stage: "compilation",
      progress: 0.5,
    };
    expect(await (await reportEvent(late)).json()).toMatchObject({ applied: false });
  });

  it("refuses a signed body that is not a report", async () => {
    const job = await insertJob({ status: "processing" });
    const body = JSON.stringify({ jobId: job.id, attempt: 1, type: "lunch" });
    const url = eventsUrl(job.id);
    const call = { method: "POST", target: url, body, jobId: job.id, attempt: 1 };
    const response = await SELF.fetch(url, {
      method: "POST",
      body,
      headers: await signInternalRequest(env.MEDIA_WORKER_SECRET, call),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "validation_failed" });
  });
});

describe("internal body limit", () => {
  it("answers 413 to bodies over 256 KiB, signed or not, before the signature is checked", async () => {
    const job = await insertJob();
    const url = eventsUrl(job.id);
    const big = JSON.stringify({ type: "heartbeat", jobId: job.id, attempt: 1, seq: 1, padding: "x".repeat(2 ** 20) });
    const call = { method: "POST", target: url, body: big, jobId: job.id, attempt: 1 };
    const signed = await SELF.fetch(url, {
      method: "POST",
      body: big,
      headers: await signInternalRequest(env.MEDIA_WORKER_SECRET, call),
    });
    expect(signed.status).toBe(413);
    expect(await signed.json()).toMatchObject({ code: "payload_too_large" });
    const unsigned = await SELF.fetch(url, { method: "POST", body: "x".repeat(10 * 2 ** 20) });
    expect(unsigned.status).toBe(413);
  });
});

import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInternalRequest } from "../../agents/contracts/internal-auth.ts";
import { stageNames } from "../../agents/contracts/job.ts";
import type { JobSpec, WorkerEvent } from "../../agents/contracts/media-protocol.ts";
import { postToMediaWorker } from "../../agents/contracts/media-worker-request.ts";
import { loadConfig } from "../../media-worker/src/config.ts";
import { type MediaWorker, startMediaWorker } from "../../media-worker/src/server.ts";
import { startEventsReceiver } from "../support/events-receiver.ts";
import { groundTruthAgents } from "../support/ground-truth-agents.ts";
import { freePort, mediaWorkerS3Env, startTestS3, type TestS3 } from "../support/local-s3.ts";
import { tinyLecture, uploadJob } from "../support/pipeline-harness.ts";
import { expectPlainMessage } from "../support/plain-message.ts";

const secret = "intake-test-secret-0123456789";
let s3: TestS3;
let worker: MediaWorker;
let receiver: Awaited<ReturnType<typeof startEventsReceiver>>;
let baseSpec: JobSpec;
const hold = { selectDelayMs: 0 };

const post = (path: string, payload: { jobId: string; attempt: number }) =>
  postToMediaWorker({ url: worker.url, secret }, path, payload);
const newJob = (): JobSpec => {
  const jobId = randomUUID();
  return { ...baseSpec, jobId, reportUrl: receiver.url(jobId) };
};
const eventsOf = (jobId: string) => receiver.events.filter((e) => e.jobId === jobId);
const terminal = (jobId: string) =>
  receiver.waitFor((e) => e.jobId === jobId && (e.type === "completed" || e.type === "failed"));

beforeAll(async () => {
  s3 = await startTestS3();
  receiver = await startEventsReceiver(secret);
  const lecture = await tinyLecture();
  baseSpec = await uploadJob(s3.store(), lecture.path, "mp4", { highlightCount: 2 });
  const config = loadConfig({
    PORT: String(await freePort()),
    MEDIA_WORKER_SECRET: secret,
    ...mediaWorkerS3Env(s3),
    CONCURRENCY: "1",
    SCRATCH_DIR: mkdtempSync(join(tmpdir(), "lh-intake-")),
  });
  worker = await startMediaWorker(config, groundTruthAgents(lecture.truth, hold).agents);
});
afterAll(async () => {
  await worker?.shutdown("test over");
  await receiver?.stop();
  await s3?.stop();
});

describe("POST /jobs", () => {
  it("refuses unsigned and tampered requests", async () => {
    const body = JSON.stringify(newJob());
    expect((await fetch(`${worker.url}/jobs`, { method: "POST", body })).status).toBe(401);
    const spec = JSON.parse(body) as JobSpec;
    const headers = await signInternalRequest(secret, {
      method: "POST",
      target: "/jobs",
      body,
      jobId: spec.jobId,
      attempt: spec.attempt,
    });
    const tampered = await fetch(`${worker.url}/jobs`, { method: "POST", body: body.replace("2", "3"), headers });
    expect(tampered.status).toBe(401);
  });

  it("runs a job to completion, reporting signed events with seq rising by one", async () => {
    receiver.failNextRequests(2);
    const spec = newJob();
    expect((await post("/jobs", spec)).status).toBe(202);
    const end = await terminal(spec.jobId);
    expect(end.type).toBe("completed");
    const events = eventsOf(spec.jobId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events[0]!.type).toBe("started");
    const stages = events.filter((e): e is Extract<WorkerEvent, { type: "stage" }> => e.type === "stage");
    expect(stages.map((e) => e.stage).sort()).toEqual([...stageNames].sort());
    expect(events.some((e) => e.type === "progress")).toBe(true);
    expect(receiver.rejected).toEqual([]);
  });

  it("takes a repeated POST of the same (job, attempt) without running it twice, answers 503 with Retry-After at capacity, and cancels on request", async () => {
    hold.selectDelayMs = 60_000;
    const running = newJob();
    expect((await post("/jobs", running)).status).toBe(202);
    // The same (job, attempt) again, as an at-least-once queue may deliver it: not run twice.
    const again = await post("/jobs", running);
    expect({ status: again.status, body: await again.json() }).toMatchObject({
      status: 202,
      body: { status: "duplicate" },
    });
    const busy = await post("/jobs", newJob());
    expect(busy.status).toBe(503);
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
    await receiver.waitFor((e) => e.jobId === running.jobId && e.type === "stage" && e.stage === "analysis");
    expect((await post(`/jobs/${running.jobId}/cancel`, running)).status).toBe(202);
    const end = await terminal(running.jobId);
    expect(end).toMatchObject({ type: "failed", code: "cancelled", stage: "selection", retryable: false });
    expect(eventsOf(running.jobId).filter((e) => e.type === "started")).toHaveLength(1); // ran once
    hold.selectDelayMs = 0;
    expect((await post(`/jobs/${running.jobId}/cancel`, running)).status).toBe(404);
  });

  it("fails an upload that is not media once, not retryable, with a message free of paths and ffmpeg output", async () => {
    // ffprobe names the scratch path (with the worker's PID) in its error: the user must not see it.
    const notes = join(mkdtempSync(join(tmpdir(), "lh-intake-bad-")), "notes.mp4");
    writeFileSync(notes, "These are my lecture notes, not a video.\n".repeat(200));
    const spec = { ...newJob(), input: (await uploadJob(s3.store(), notes, "mp4")).input };
    expect((await post("/jobs", spec)).status).toBe(202);
    const end = await terminal(spec.jobId);
    expect(end).toMatchObject({ type: "failed", code: "input_not_media", stage: "probe", retryable: false });
    expectPlainMessage((end as Extract<WorkerEvent, { type: "failed" }>).message);
    expect(eventsOf(spec.jobId).filter((e) => e.type === "failed")).toHaveLength(1);
  });

  it("sends heartbeats while a stage is silent, and lets a newer attempt take over the slot from its checkpoints", async () => {
    hold.selectDelayMs = 60_000;
    // A 4 s lease: a heartbeat every second while selection holds, no progress in between.
    const first = { ...newJob(), leaseSeconds: 4 };
    expect((await post("/jobs", first)).status).toBe(202);
    await receiver.waitFor((e) => e.jobId === first.jobId && e.type === "stage" && e.stage === "analysis");
    const heartbeat = await receiver.waitFor((e) => e.jobId === first.jobId && e.type === "heartbeat");
    expect(heartbeat.attempt).toBe(1);

    // The Worker gave up on attempt 1's lease and dispatched attempt 2: it needs no free slot.
    hold.selectDelayMs = 0;
    const second = { ...first, attempt: 2 };
    const accepted = await post("/jobs", second);
    expect({ status: accepted.status, body: await accepted.json() }).toMatchObject({
      status: 202,
      body: { status: "accepted" },
    });
    const stale = await post("/jobs", first);
    expect({ status: stale.status, body: await stale.json() }).toMatchObject({
      status: 409,
      body: { status: "superseded" },
    });
    const end = await receiver.waitFor(
      (e) => e.jobId === first.jobId && e.attempt === 2 && (e.type === "completed" || e.type === "failed"),
    );
    expect(end.type).toBe("completed");
    const ofAttempt = (attempt: number) => eventsOf(first.jobId).filter((e) => e.attempt === attempt);
    // Attempt 1 was aborted and said so (the Worker ignores it), and settled before attempt 2 began.
    expect(ofAttempt(1).at(-1)).toMatchObject({ type: "failed", stage: "selection" });
    const resumed = ofAttempt(2).filter((e): e is Extract<WorkerEvent, { type: "stage" }> => e.type === "stage");
    const skipped = resumed.filter((e) => e.status === "skipped").map((e) => e.stage);
    expect(skipped.sort()).toEqual(["analysis", "audio", "layout", "probe", "transcription"]);
  });
});

import { describe, expect, it } from "vitest";
import { JobOptions } from "../../agents/contracts/job.ts";
import type { WorkerEvent } from "../../agents/contracts/media-protocol.ts";
import { maxAttemptsWithInterruptions, nextJobState } from "./job-state.ts";
import type { JobRow } from "./snapshot.ts";

const now = new Date("2026-11-21T12:00:00Z");
const job = (overrides: Partial<JobRow> = {}): JobRow => ({
  id: "00000000-0000-4000-8000-000000000001",
  organizationId: "u",
  userId: "u",
  uploadId: "up",
  status: "processing",
  name: "Test lecture",
  durationSeconds: null,
  posterKey: null,
  aiCostUsd: null,
  options: JobOptions.parse({}),
  metadata: {},
  webhookUrl: null,
  stage: null,
  progress: 0,
  stages: {},
  attempt: 1,
  maxAttempts: 3,
  enqueuedAt: now,
  capacityWaitSince: null,
  capacityRound: 0,
  leaseExpiresAt: now,
  lastEventSeq: 2,
  errorCode: null,
  errorMessage: null,
  manifestKey: null,
  startedAt: now,
  finishedAt: null,
  createdAt: now,
  updatedAt: now,
  ...overrides,
});
const base = { jobId: "00000000-0000-4000-8000-000000000001", attempt: 1, at: now.toISOString() };

describe("nextJobState", () => {
  it("applies progress, renews the lease and computes overall progress from stage weights", () => {
    const t = nextJobState(
      job(),
      { ...base, seq: 3, type: "progress", stage: "transcription", progress: 0.5 },
      now,
      120,
    );
    expect(t).toMatchObject({
      kind: "apply",
      patch: {
        stage: "transcription",
        progress: 0.15,
        lastEventSeq: 3,
        leaseExpiresAt: new Date(now.getTime() + 120_000),
      },
      message: { type: "progress", stage: "transcription", stageProgress: 0.5, progress: 0.15 },
    });
  });

  it("extends only the lease on a heartbeat of the running attempt, without telling subscribers", () => {
    const heartbeat: WorkerEvent = { ...base, seq: 3, type: "heartbeat" };
    expect(nextJobState(job(), heartbeat, now, 120)).toEqual({
      kind: "apply",
      patch: { leaseExpiresAt: new Date(now.getTime() + 120_000) },
    });
    expect(nextJobState(job({ attempt: 2 }), heartbeat, now, 120)).toMatchObject({ kind: "ignore" });
    expect(nextJobState(job({ status: "queued" }), heartbeat, now, 120)).toMatchObject({ kind: "ignore" });
    expect(nextJobState(job({ status: "cancelled" }), heartbeat, now, 120)).toMatchObject({ kind: "ignore" });
  });

  it("ignores reports from another attempt, about finished jobs, or older than the last applied", () => {
    const progress: WorkerEvent = { ...base, seq: 3, type: "progress", stage: "probe", progress: 1 };
    expect(nextJobState(job({ attempt: 2 }), progress, now, 120)).toMatchObject({ kind: "ignore" });
    expect(nextJobState(job({ status: "cancelled" }), progress, now, 120)).toMatchObject({ kind: "ignore" });
    expect(nextJobState(job(), { ...progress, seq: 2 }, now, 120)).toMatchObject({ kind: "ignore" });
  });

  it("never moves a finished stage back to running", () => {
    const done = job({ stages: { probe: { status: "completed", progress: 1 } } });
    const t = nextJobState(done, { ...base, seq: 3, type: "progress", stage: "probe", progress: 0.2 }, now, 120);
    expect(t.kind === "apply" && t.patch.stages).toBeFalsy();
  });

  it("sends a retryable failure round again as the next attempt while attempts remain", () => {
    const failed: WorkerEvent = {
      ...base,
      seq: 3,
      type: "failed",
      code: "storage_failed",
      message: "S3 down",
      retryable: true,
    };
    expect(nextJobState(job(), failed, now, 120)).toMatchObject({
      kind: "apply",
      requeue: true,
      patch: { status: "queued", attempt: 2, lastEventSeq: -1, enqueuedAt: null },
    });
    expect(nextJobState(job({ attempt: 3 }), { ...failed, attempt: 3 }, now, 120)).toMatchObject({
      kind: "apply",
      patch: { status: "failed", errorCode: "storage_failed" },
      message: { type: "failed", code: "storage_failed" },
    });
  });

  it("keeps what a finally failed job's AI calls cost, and leaves it to the next attempt otherwise", () => {
    const failed: WorkerEvent = {
      ...base,
      seq: 3,
      type: "failed",
      code: "compilation_failed",
      message: "encoder crashed",
      retryable: true,
      costUsd: 0.0123,
    };
    const retried = nextJobState(job(), failed, now, 120);
    expect(retried.kind === "apply" && "aiCostUsd" in retried.patch).toBe(false);
    expect(nextJobState(job({ attempt: 3 }), { ...failed, attempt: 3 }, now, 120)).toMatchObject({
      patch: { status: "failed", aiCostUsd: 0.0123 },
    });
  });

  it("fails at once on bad input, whatever the attempts left", () => {
    const failed: WorkerEvent = {
      ...base,
      seq: 3,
      type: "failed",
      code: "input_no_audio",
      message: "no audio",
      retryable: false,
    };
    expect(nextJobState(job(), failed, now, 120)).toMatchObject({
      kind: "apply",
      patch: { status: "failed", errorCode: "input_no_audio" },
    });
  });

  it("sends an interrupted attempt round again at once, without spending one of the job's attempts", () => {
    const interrupted: WorkerEvent = { ...base, attempt: 3, seq: 3, type: "interrupted", reason: "SIGTERM" };
    expect(nextJobState(job({ attempt: 3 }), interrupted, now, 120)).toMatchObject({
      kind: "apply",
      requeue: true,
      patch: { status: "queued", attempt: 4, maxAttempts: 4, lastEventSeq: -1, leaseExpiresAt: null },
    });
    const last = { ...interrupted, attempt: maxAttemptsWithInterruptions };
    expect(nextJobState(job({ attempt: last.attempt, maxAttempts: last.attempt }), last, now, 120)).toMatchObject({
      kind: "apply",
      patch: { status: "failed", errorCode: "attempts_exhausted" },
    });
    const stale = { ...interrupted, attempt: 2 };
    expect(nextJobState(job({ attempt: 3 }), stale, now, 120)).toMatchObject({ kind: "ignore" });
  });
});

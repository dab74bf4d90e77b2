import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { insertJob, readJob } from "../../test/support/worker/jobs.ts";
import worker from "../index.ts";

const expired = () => new Date(Date.now() - 60_000);

async function runCron(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("leases", () => {
  it("sends a job whose lease expired round again as attempt 2, through the queue", async () => {
    const job = await insertJob({ status: "processing", attempt: 1, leaseExpiresAt: expired(), lastEventSeq: 12 });
    await runCron();
    const retried = await readJob(job.id);
    expect(retried).toMatchObject({ attempt: 2, lastEventSeq: -1, errorCode: null });
    expect(["queued", "processing"]).toContain(retried.status);
    expect(retried.enqueuedAt).not.toBeNull();
  });

  it("fails the job with attempts_exhausted once the last attempt's lease expires", async () => {
    const job = await insertJob({ status: "processing", attempt: 3, maxAttempts: 3, leaseExpiresAt: expired() });
    await runCron();
    expect(await readJob(job.id)).toMatchObject({ status: "failed", errorCode: "attempts_exhausted", attempt: 3 });
  });

  it("leaves jobs with a live lease alone", async () => {
    const job = await insertJob({ status: "processing", leaseExpiresAt: new Date(Date.now() + 60_000) });
    await runCron();
    expect(await readJob(job.id)).toMatchObject({ status: "processing", attempt: 1 });
  });

  it("sends a job the queue never received (written, then the send failed)", async () => {
    const job = await insertJob({ status: "queued", enqueuedAt: null, updatedAt: new Date(Date.now() - 120_000) });
    await runCron();
    expect((await readJob(job.id)).enqueuedAt).not.toBeNull();
  });
});

describe("dead-letter queue", () => {
  it("fails a job whose dispatch exhausted its retries, and acknowledges the message", async () => {
    const job = await insertJob({ status: "queued" });
    const batch = createMessageBatch("lh-jobs-dlq", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { jobId: job.id, attempt: 1 } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(await readJob(job.id)).toMatchObject({ status: "failed", errorCode: "dispatch_failed" });
  });

  it("ignores a dead message about an attempt that is no longer current", async () => {
    const job = await insertJob({ status: "queued", attempt: 2 });
    const batch = createMessageBatch("lh-jobs-dlq", [
      { id: "m2", timestamp: new Date(), attempts: 1, body: { jobId: job.id, attempt: 1 } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    await getQueueResult(batch, ctx);
    expect(await readJob(job.id)).toMatchObject({ status: "queued", attempt: 2 });
  });
});

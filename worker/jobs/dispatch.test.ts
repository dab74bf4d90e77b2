import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { withTestDatabase } from "../../test/support/worker/database.ts";
import { deliverJobMessage, outboxOf, scriptedFleet } from "../../test/support/worker/dispatch.ts";
import { eventually, insertJob, readJob, reportEvent } from "../../test/support/worker/jobs.ts";
import { receivedOn, receiverPath, sampleManifest } from "../../test/support/worker/webhooks.ts";
import type { Env } from "../env.ts";
import { cancelJob } from "./cancel-job.ts";
import { capacityWait } from "./capacity-queue.ts";

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
const busy = { headers: { "retry-after": "3600" } };

/** Moves the start of a job's wait back, as if that many hours had passed in line. */
const backdateWait = (jobId: string, hours: number) =>
  withTestDatabase((db) =>
    db
      .update(schema.jobs)
      .set({ capacityWaitSince: hoursAgo(hours) })
      .where(eq(schema.jobs.id, jobId)),
  );

describe("dispatch", () => {
  it("hands the media worker the lease length and the upload's pinned ETag, and holds the lease once it accepts", async () => {
    const fleet = await scriptedFleet({ statuses: [202] });
    const job = await insertJob({ status: "queued" });
    const etag = '"5d41402abc4b2a76b9719d911017c592"';
    await withTestDatabase((db) =>
      db.update(schema.uploads).set({ objectEtag: etag }).where(eq(schema.uploads.id, job.uploadId)),
    );
    const result = await deliverJobMessage(fleet.env, { jobId: job.id, attempt: 1 });
    expect(result.explicitAcks).toHaveLength(1);
    const [request] = await receivedOn(fleet.name);
    expect(request!.path).toBe(`/hooks/${fleet.name}/jobs`);
    expect(JSON.parse(request!.body)).toMatchObject({ jobId: job.id, attempt: 1, leaseSeconds: 120, input: { etag } });
    const dispatched = await readJob(job.id);
    expect(dispatched.status).toBe("processing");
    expect(dispatched.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 100_000);
    expect(await outboxOf(job.id)).toEqual([]);
  });

  it("keeps a job waiting for hours of a full fleet without spending retries, then runs it to completion", async () => {
    const fleet = await scriptedFleet({ ...busy, statuses: [503, 503, 202] });
    const job = await insertJob({ status: "queued" });
    const first = await deliverJobMessage(fleet.env, { jobId: job.id, attempt: 1 }, "m-first");
    expect(first).toMatchObject({ explicitAcks: ["m-first"], retryMessages: [] });
    const waiting = await readJob(job.id);
    expect(waiting).toMatchObject({ status: "queued", capacityRound: 1, errorCode: null });
    expect(await withTestDatabase((db) => capacityWait(db, waiting))).toMatchObject({
      since: waiting.capacityWaitSince!.toISOString(),
    });

    // The queue redelivers the same message: nothing happens twice.
    expect((await deliverJobMessage(fleet.env, { jobId: job.id, attempt: 1 }, "m-first")).explicitAcks).toEqual([
      "m-first",
    ]);
    expect(await receivedOn(fleet.name)).toHaveLength(1);
    expect(await readJob(job.id)).toMatchObject({ capacityRound: 1 });
    expect(await outboxOf(job.id)).toEqual([]);

    await backdateWait(job.id, 23);
    expect((await deliverJobMessage(fleet.env, { jobId: job.id, attempt: 1, capacityRound: 1 })).retryMessages).toEqual(
      [],
    );
    expect(await readJob(job.id)).toMatchObject({ status: "queued", capacityRound: 2 });

    await deliverJobMessage(fleet.env, { jobId: job.id, attempt: 1, capacityRound: 2 });
    expect(await readJob(job.id)).toMatchObject({ status: "processing", capacityWaitSince: null, capacityRound: 0 });
    const completed = await reportEvent({
      jobId: job.id,
      attempt: 1,
      seq: 0,
      at: new Date().toISOString(),
      type: "completed",
      manifestKey: `jobs/${job.id}/outputs/manifest.json`,
      manifest: sampleManifest,
    });
    expect(await completed.json()).toEqual({ applied: true });
    expect(await readJob(job.id)).toMatchObject({ status: "completed", errorCode: null });
  });

  it("counts the jobs that have waited longer as ahead in line", async () => {
    const older = await insertJob({ status: "queued", capacityWaitSince: hoursAgo(2), capacityRound: 3 });
    const newer = await insertJob({ status: "queued", capacityWaitSince: hoursAgo(1), capacityRound: 1 });
    const [olderWait, newerWait] = await withTestDatabase((db) =>
      Promise.all([capacityWait(db, older), capacityWait(db, newer)]),
    );
    expect(newerWait!.jobsAhead).toBeGreaterThanOrEqual(olderWait!.jobsAhead + 1);
  });

  it("fails the job with capacity_timeout once it has waited past the queue timeout, and announces it", async () => {
    const fleet = await scriptedFleet({ ...busy, statuses: [503] });
    const job = await insertJob({
      status: "queued",
      capacityWaitSince: hoursAgo(25),
      capacityRound: 7,
      webhookUrl: receiverPath().url,
    });
    const result = await deliverJobMessage(fleet.env, { jobId: job.id, attempt: 1, capacityRound: 7 });
    expect(result.retryMessages).toEqual([]);
    expect(await readJob(job.id)).toMatchObject({ status: "failed", errorCode: "capacity_timeout" });
    const deliveries = await withTestDatabase((db) =>
      db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.jobId, job.id)),
    );
    expect(deliveries.map((d) => d.eventType)).toEqual(["job.failed"]);
  });

  it("acknowledges a message the media worker answers superseded: a newer attempt runs there", async () => {
    const fleet = await scriptedFleet({ statuses: [409] });
    const job = await insertJob({ status: "queued" });
    const result = await deliverJobMessage(fleet.env, { jobId: job.id, attempt: 1 });
    expect(result).toMatchObject({ explicitAcks: [expect.any(String)], retryMessages: [] });
    expect(await readJob(job.id)).toMatchObject({ status: "queued", capacityRound: 0 });
  });

  it("stops an attempt that was cancelled while the media worker was accepting it", async () => {
    const fleet = await scriptedFleet({ statuses: [202], delayMs: 1_500 });
    const job = await insertJob({ status: "queued" });
    const dispatching = deliverJobMessage(fleet.env, { jobId: job.id, attempt: 1 });
    await eventually(
      () => receivedOn(fleet.name),
      (requests) => requests.length > 0,
    );
    // The user's cancel tells the media worker of the test stack; only the dispatch tells this one.
    await withTestDatabase(async (db) => cancelJob(env as unknown as Env, db, await readJob(job.id)));
    await dispatching;
    const requests = await receivedOn(fleet.name);
    expect(requests.map((r) => r.path)).toEqual([
      `/hooks/${fleet.name}/jobs`,
      `/hooks/${fleet.name}/jobs/${job.id}/cancel`,
    ]);
    expect(JSON.parse(requests[1]!.body)).toEqual({ jobId: job.id, attempt: 1 });
    expect(await readJob(job.id)).toMatchObject({ status: "cancelled" });
    const late = await reportEvent({
      jobId: job.id,
      attempt: 1,
      seq: 0,
      at: new Date().toISOString(),
      type: "started",
    });
    expect(await late.json()).toMatchObject({ applied: false });
    expect(await readJob(job.id)).toMatchObject({ status: "cancelled" });
  });
});

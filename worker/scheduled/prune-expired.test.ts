import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Database, schema } from "../../db/client.ts";
import { withTestDatabase } from "../../test/support/worker/database.ts";
import { insertJob } from "../../test/support/worker/jobs.ts";
import worker from "../index.ts";
import { pruneExpiredRows, type RetentionDays, retentionDays } from "./prune-expired.ts";

const days = retentionDays(env);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
/** Older than every retention (the longest is 30 days), or younger than every one. */
const old = daysAgo(60);
const recent = daysAgo(1);

/** Sweeps until nothing is left to prune, checking that no sweep deletes more than its batch. */
async function sweepUntilDone(db: Database, limit: number): Promise<void> {
  for (let sweep = 0; sweep < 1000; sweep++) {
    const pruned = await pruneExpiredRows(db, days, { limit });
    for (const count of Object.values(pruned)) expect(count).toBeLessThanOrEqual(limit);
    if (Object.values(pruned).every((count) => count === 0)) return;
  }
  throw new Error("pruning never finished");
}

/** Events `seqs` of a job's first attempt, written at `createdAt`; answers their ids. */
async function insertEvents(db: Database, jobId: string, createdAt: Date, seqs: number[]): Promise<number[]> {
  const values = seqs.map((seq) => ({ jobId, attempt: 1, seq, type: "progress", payload: {}, createdAt }));
  return (await db.insert(schema.jobEvents).values(values).returning()).map((row) => row.id);
}

describe("pruning rows past their retention", () => {
  it("deletes old events of finished jobs only, in bounded batches, and finds nothing more on the next sweep", async () => {
    const [finished, running] = await Promise.all([
      insertJob({ status: "completed" }),
      insertJob({ status: "processing" }),
    ]);
    await withTestDatabase(async (db) => {
      const gone = await insertEvents(db, finished.id, old, [0, 1, 2, 3, 4]);
      const keptRecent = await insertEvents(db, finished.id, recent, [5]);
      const keptRunning = await insertEvents(db, running.id, old, [0, 1]);
      await sweepUntilDone(db, 2);
      const left = await db
        .select({ id: schema.jobEvents.id, jobId: schema.jobEvents.jobId })
        .from(schema.jobEvents)
        .where(inArray(schema.jobEvents.jobId, [finished.id, running.id]));
      const leftIds = left.map((row) => row.id);
      expect(gone.filter((id) => leftIds.includes(id))).toEqual([]);
      expect(leftIds.sort()).toEqual([...keptRecent, ...keptRunning].sort());
    });
  });

  it("deletes old idempotency keys and settled old webhook deliveries with their attempts; keeps pending and recent ones", async () => {
    const job = await insertJob({ status: "completed" });
    await withTestDatabase(async (db) => {
      const key = (name: string, createdAt: Date) => ({
        organizationId: job.organizationId,
        userId: job.userId,
        key: name,
        requestHash: "h",
        jobId: job.id,
        createdAt,
      });
      await db.insert(schema.idempotencyKeys).values([key("old", old), key("recent", recent)]);
      const delivery = (url: string, status: "succeeded" | "failed" | "pending", createdAt: Date) => ({
        organizationId: job.organizationId,
        jobId: job.id,
        eventType: "job.completed",
        url,
        payload: {},
        status,
        createdAt,
      });
      const deliveries = await db
        .insert(schema.webhookDeliveries)
        .values([
          delivery("https://a.test/old-succeeded", "succeeded", old),
          delivery("https://a.test/old-failed", "failed", old),
          delivery("https://a.test/old-pending", "pending", old),
          delivery("https://a.test/recent-failed", "failed", recent),
        ])
        .returning();
      await db.insert(schema.webhookAttempts).values({ deliveryId: deliveries[0]!.id, statusCode: 200, latencyMs: 5 });

      await sweepUntilDone(db, 1000);

      const keys = await db.select().from(schema.idempotencyKeys).where(eq(schema.idempotencyKeys.userId, job.userId));
      expect(keys.map((row) => row.key)).toEqual(["recent"]);
      const left = await db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.jobId, job.id));
      expect(left.map((row) => row.url).sort()).toEqual(["https://a.test/old-pending", "https://a.test/recent-failed"]);
      const attempts = await db
        .select()
        .from(schema.webhookAttempts)
        .where(eq(schema.webhookAttempts.deliveryId, deliveries[0]!.id));
      expect(attempts).toEqual([]);
    });
  });

  it("deletes expired refresh tokens, and revoked ones only once their family has no live token", async () => {
    const { userId } = await insertJob();
    await withTestDatabase(async (db) => {
      const [deadFamily, raceFamily, liveFamily] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      const token = (name: string, familyId: string, expiresAt: Date, revokedAt: Date | null = null) => ({
        userId,
        familyId,
        tokenHash: `${name}-${crypto.randomUUID()}`,
        expiresAt,
        revokedAt,
      });
      const future = new Date(Date.now() + 86_400_000);
      await db.insert(schema.refreshTokens).values([
        token("expired-long-ago", liveFamily, old),
        token("expired-yesterday", liveFamily, recent),
        token("live", liveFamily, future),
        token("revoked-dead-family", deadFamily, future, old),
        // Issued in a race with its family's revocation: the old revoked row is what keeps it unusable.
        token("revoked-race", raceFamily, future, old),
        token("unrevoked-race", raceFamily, future),
      ]);

      await sweepUntilDone(db, 1000);

      const left = await db.select().from(schema.refreshTokens).where(eq(schema.refreshTokens.userId, userId));
      expect(left.map((row) => row.tokenHash.replace(/-[0-9a-f-]{36}$/, "")).sort()).toEqual([
        "expired-yesterday",
        "live",
        "revoked-race",
        "unrevoked-race",
      ]);
    });
  });

  it("deletes expired share links and keeps working ones", async () => {
    const job = await insertJob({ status: "completed" });
    await withTestDatabase(async (db) => {
      const link = (tokenHash: string, expiresAt: Date) => ({ jobId: job.id, tokenHash, expiresAt });
      await db
        .insert(schema.jobShares)
        .values([link(crypto.randomUUID(), daysAgo(1 / 24)), link(crypto.randomUUID(), daysAgo(-1))]);
      await sweepUntilDone(db, 100);
      const left = await db.select().from(schema.jobShares).where(eq(schema.jobShares.jobId, job.id));
      expect(left.map((row) => row.expiresAt.getTime() > Date.now())).toEqual([true]);
    });
  });

  it("deletes old records of job emails once the job's outbox holds nothing that could send them again", async () => {
    const [settled, redelivering] = await Promise.all([
      insertJob({ status: "completed" }),
      insertJob({ status: "completed" }),
    ]);
    await withTestDatabase(async (db) => {
      const record = (job: { id: string; userId: string }, outcome: "completed" | "failed", createdAt: Date) => ({
        jobId: job.id,
        userId: job.userId,
        outcome,
        sentAt: createdAt,
        createdAt,
      });
      await db
        .insert(schema.jobNotifications)
        .values([
          record(settled, "completed", old),
          record(settled, "failed", recent),
          record(redelivering, "completed", old),
        ]);
      // Backed off for a day, as after a failing provider: no drain elsewhere in the run takes it meanwhile.
      await db
        .insert(schema.outbox)
        .values({ jobId: redelivering.id, effect: { kind: "notify" }, availableAt: daysAgo(-1) });
      await sweepUntilDone(db, 100);
      const left = await db
        .select({ jobId: schema.jobNotifications.jobId, outcome: schema.jobNotifications.outcome })
        .from(schema.jobNotifications)
        .where(inArray(schema.jobNotifications.jobId, [settled.id, redelivering.id]));
      expect(left.map((row) => [row.jobId, row.outcome]).sort()).toEqual(
        [
          [settled.id, "failed"],
          [redelivering.id, "completed"],
        ].sort(),
      );
      await db.delete(schema.outbox).where(eq(schema.outbox.jobId, redelivering.id));
    });
  });

  it("keeps everything when the retention is longer than the rows' age", async () => {
    const job = await insertJob({ status: "failed" });
    const forever: RetentionDays = { jobEvents: 365, idempotencyKeys: 365, refreshTokens: 365, webhookDeliveries: 365 };
    await withTestDatabase(async (db) => {
      const ids = await insertEvents(db, job.id, old, [0, 1, 2]);
      await pruneExpiredRows(db, forever);
      const left = await db.select().from(schema.jobEvents).where(inArray(schema.jobEvents.id, ids));
      expect(left).toHaveLength(3);
    });
  });

  it("runs in the every-minute cron with the environment's retention", async () => {
    const job = await insertJob({ status: "cancelled" });
    const ids = await withTestDatabase((db) => insertEvents(db, job.id, daysAgo(days.jobEvents + 1), [0]));
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    const left = await withTestDatabase((db) =>
      db.select().from(schema.jobEvents).where(inArray(schema.jobEvents.id, ids)),
    );
    expect(left).toEqual([]);
  });
});

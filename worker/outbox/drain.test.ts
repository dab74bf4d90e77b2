import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../../db/client.ts";
import { withTestDatabase } from "../../test/support/worker/database.ts";
import { outboxOf, scriptedFleet } from "../../test/support/worker/dispatch.ts";
import { insertJob } from "../../test/support/worker/jobs.ts";
import { receivedOn } from "../../test/support/worker/webhooks.ts";
import type { Env } from "../env.ts";
import { drainOutbox } from "./drain.ts";
import type { OutboxEffect } from "./effect.ts";
import { recordEffects } from "./record.ts";

const record = (jobId: string, effects: OutboxEffect[]) =>
  withTestDatabase((db) => db.transaction((tx) => recordEffects(tx, jobId, effects)));

/** Nothing listens on the discard port: a real connection refused. */
const unreachableFleet = { ...(env as unknown as Env), MEDIA_WORKER_URL: "http://127.0.0.1:9" };

describe("outbox", () => {
  it("leaves what failed half-way through a drain for a later drain, and only once it is due", async () => {
    const job = await insertJob({ status: "cancelled" });
    const ids = await record(job.id, [
      { kind: "publish" },
      { kind: "cancel_attempt", attempt: 1 },
      { kind: "publish" },
    ]);
    expect(await withTestDatabase((db) => drainOutbox(unreachableFleet, db, { ids }))).toEqual({ done: 2, failed: 1 });
    const [left] = await outboxOf(job.id);
    expect(left).toMatchObject({ id: ids[1], attempts: 1 });
    expect(left!.availableAt.getTime()).toBeGreaterThan(Date.now());

    expect(await withTestDatabase((db) => drainOutbox(unreachableFleet, db, { ids }))).toEqual({ done: 0, failed: 0 });
    const fleet = await scriptedFleet({ statuses: [200] });
    const later = new Date(left!.availableAt.getTime() + 1_000);
    expect(await withTestDatabase((db) => drainOutbox(fleet.env, db, { ids, now: later }))).toEqual({
      done: 1,
      failed: 0,
    });
    const [cancel] = await receivedOn(fleet.name);
    expect(JSON.parse(cancel!.body)).toEqual({ jobId: job.id, attempt: 1 });
    expect(await outboxOf(job.id)).toEqual([]);
  });

  it("performs each effect once when two drains run at the same time", async () => {
    const job = await insertJob({ status: "cancelled" });
    const fleet = await scriptedFleet({ statuses: [200] });
    const ids = await record(job.id, [{ kind: "cancel_attempt", attempt: 1 }]);
    const results = await withTestDatabase((db) =>
      Promise.all([drainOutbox(fleet.env, db, { ids }), drainOutbox(fleet.env, db, { ids })]),
    );
    expect(results.map((r) => r.done).sort()).toEqual([0, 1]);
    expect(await receivedOn(fleet.name)).toHaveLength(1);
  });

  it("performs what a request just committed even when the Worker's clock is behind the database's", async () => {
    const job = await insertJob({ status: "cancelled" });
    const ids = await record(job.id, [{ kind: "publish" }]);
    const behind = new Date(Date.now() - 10 * 60_000);
    expect(await withTestDatabase((db) => drainOutbox(env as unknown as Env, db, { ids, now: behind }))).toEqual({
      done: 1,
      failed: 0,
    });
  });

  it("never throws, even when the database is out of reach", async () => {
    const { db, close } = createDatabase({ ...env, DATABASE_URL: "postgres://nobody:x@127.0.0.1:9/none" } as Env);
    const ctx = createExecutionContext();
    try {
      expect(await drainOutbox(env as unknown as Env, db)).toEqual({ done: 0, failed: 0 });
    } finally {
      ctx.waitUntil(close());
      await waitOnExecutionContext(ctx);
    }
  });
});

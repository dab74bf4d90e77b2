import { and, eq, exists, gt, inArray, isNotNull, isNull, lt, ne, not, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { deleteBatch, PRUNE_BATCH_SIZE } from "./delete-batch.ts";

/** How many days each kind of row is kept once it is of no further use (wrangler.toml `RETENTION_*`). */
export type RetentionDays = {
  /**
   * Events of finished jobs: they only deduplicate reports while a job runs. The record of a
   * job's emails follows it, once its outbox holds nothing more to redeliver.
   */
  jobEvents: number;
  /** `Idempotency-Key` records: a key older than this starts a new job. */
  idempotencyKeys: number;
  /** Refresh tokens past their expiry, and revoked ones whose family has no live token left. */
  refreshTokens: number;
  /** Webhook deliveries that are no longer pending (with their attempts), listed to their owners until then. */
  webhookDeliveries: number;
};

const DEFAULT_RETENTION_DAYS: RetentionDays = {
  jobEvents: 30,
  idempotencyKeys: 7,
  refreshTokens: 7,
  webhookDeliveries: 30,
};

/**
 * The retention of the environment; a variable that is missing or not a positive number keeps
 * its default rather than pruning everything (a `0` would delete every finished job's events).
 *
 * @example
 * retentionDays(env); // { jobEvents: 30, idempotencyKeys: 7, refreshTokens: 7, webhookDeliveries: 30 }
 */
export function retentionDays(
  env: Partial<
    Pick<
      Env,
      | "RETENTION_JOB_EVENTS_DAYS"
      | "RETENTION_IDEMPOTENCY_KEYS_DAYS"
      | "RETENTION_REFRESH_TOKENS_DAYS"
      | "RETENTION_WEBHOOK_DELIVERIES_DAYS"
    >
  >,
): RetentionDays {
  const days = (raw: string | undefined, fallback: number) => {
    const value = Number(raw);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const d = DEFAULT_RETENTION_DAYS;
  return {
    jobEvents: days(env.RETENTION_JOB_EVENTS_DAYS, d.jobEvents),
    idempotencyKeys: days(env.RETENTION_IDEMPOTENCY_KEYS_DAYS, d.idempotencyKeys),
    refreshTokens: days(env.RETENTION_REFRESH_TOKENS_DAYS, d.refreshTokens),
    webhookDeliveries: days(env.RETENTION_WEBHOOK_DELIVERIES_DAYS, d.webhookDeliveries),
  };
}

/**
 * One sweep of the rows nothing needs any more, in bounded batches (the every-minute cron's):
 * events of finished jobs, old idempotency keys, dead refresh tokens, settled webhook deliveries,
 * the records of job emails whose job has nothing left in the outbox, and expired share links (at
 * once: an expired link opens nothing, and its owner no longer sees it).
 * Idempotent: a second sweep finds nothing new to delete.
 *
 * A revoked refresh token is what keeps its family dead (a token issued in a race with the
 * revocation cannot be claimed while any token of the family is revoked), so it goes only once
 * no token of its family is live; an expired unrevoked one can go at any time after its expiry.
 *
 * @example
 * await pruneExpiredRows(db, retentionDays(env)); // { jobEvents: 1000, idempotencyKeys: 3, refreshTokens: 0, webhookDeliveries: 12, jobNotifications: 4, jobShares: 2 }
 */
export async function pruneExpiredRows(
  db: Database,
  days: RetentionDays,
  { now = new Date(), limit = PRUNE_BATCH_SIZE }: { now?: Date; limit?: number } = {},
): Promise<Record<keyof RetentionDays | "jobNotifications" | "jobShares", number>> {
  const cutoff = (kept: number) => new Date(now.getTime() - kept * 86_400_000);
  const { jobEvents, jobs, idempotencyKeys, refreshTokens, webhookDeliveries, jobNotifications, jobShares, outbox } =
    schema;

  const finishedJob = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.id, jobEvents.jobId), inArray(jobs.status, ["completed", "failed", "cancelled"])));
  const family = alias(refreshTokens, "family");
  const liveTokenInFamily = db
    .select({ id: family.id })
    .from(family)
    .where(and(eq(family.familyId, refreshTokens.familyId), isNull(family.revokedAt), gt(family.expiresAt, now)));
  const tokenCutoff = cutoff(days.refreshTokens);
  // An effect still in the outbox may send its email again; the record is what keeps it to one.
  const pendingEffect = db.select({ id: outbox.id }).from(outbox).where(eq(outbox.jobId, jobNotifications.jobId));

  return {
    jobEvents: await deleteBatch(
      db,
      jobEvents,
      and(lt(jobEvents.createdAt, cutoff(days.jobEvents)), exists(finishedJob))!,
      sql`${jobEvents.createdAt}`,
      limit,
    ),
    idempotencyKeys: await deleteBatch(
      db,
      idempotencyKeys,
      lt(idempotencyKeys.createdAt, cutoff(days.idempotencyKeys)),
      sql`${idempotencyKeys.createdAt}`,
      limit,
    ),
    refreshTokens: await deleteBatch(
      db,
      refreshTokens,
      or(
        and(isNull(refreshTokens.revokedAt), lt(refreshTokens.expiresAt, tokenCutoff)),
        and(
          isNotNull(refreshTokens.revokedAt),
          lt(refreshTokens.revokedAt, tokenCutoff),
          not(exists(liveTokenInFamily)),
        ),
      )!,
      sql`${refreshTokens.expiresAt}`,
      limit,
    ),
    webhookDeliveries: await deleteBatch(
      db,
      webhookDeliveries,
      and(lt(webhookDeliveries.createdAt, cutoff(days.webhookDeliveries)), ne(webhookDeliveries.status, "pending"))!,
      sql`${webhookDeliveries.createdAt}`,
      limit,
    ),
    jobNotifications: await deleteBatch(
      db,
      jobNotifications,
      and(lt(jobNotifications.createdAt, cutoff(days.jobEvents)), not(exists(pendingEffect)))!,
      sql`${jobNotifications.createdAt}`,
      limit,
    ),
    jobShares: await deleteBatch(db, jobShares, lt(jobShares.expiresAt, now), sql`${jobShares.expiresAt}`, limit),
  };
}

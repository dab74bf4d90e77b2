import { and, desc, eq, getTableColumns, gt, sql } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import { randomSecret, sha256Hex } from "../auth/secrets.ts";
import { ShareNotFoundError } from "../errors/problem.ts";
import type { JobRow } from "../jobs/snapshot.ts";

export type ShareRow = typeof schema.jobShares.$inferSelect;
/** A link as its job's members see it: with the email of who made it. */
export type ListedShare = ShareRow & { createdByEmail: string | null };

/**
 * A new share link of a job: a 256-bit random token, returned only here (the row keeps its
 * SHA-256), that works until `expiresAt` or until revoked.
 *
 * @example
 * const { share, token } = await createShare(db, job.id, 7 * 24, c.var.auth.userId);
 */
export async function createShare(
  db: Database,
  jobId: string,
  expiresInHours: number,
  createdBy: string,
): Promise<{ share: ListedShare; token: string }> {
  const token = randomSecret(32);
  const [share] = await db
    .insert(schema.jobShares)
    .values({
      jobId,
      tokenHash: await sha256Hex(token),
      createdBy,
      expiresAt: sql`now() + make_interval(hours => ${expiresInHours})`,
    })
    .returning();
  const [creator] = await db
    .select({ email: schema.users.email })
    .from(schema.users)
    .where(eq(schema.users.id, createdBy));
  return { share: { ...share!, createdByEmail: creator?.email ?? null }, token };
}

/** A job's share links that still work, newest first, with who made each. */
export function listShares(db: Database, jobId: string): Promise<ListedShare[]> {
  return db
    .select({ ...getTableColumns(schema.jobShares), createdByEmail: schema.users.email })
    .from(schema.jobShares)
    .leftJoin(schema.users, eq(schema.users.id, schema.jobShares.createdBy))
    .where(and(eq(schema.jobShares.jobId, jobId), gt(schema.jobShares.expiresAt, sql`now()`)))
    .orderBy(desc(schema.jobShares.createdAt));
}

/** Revokes a job's share link; false when the job has no such link. */
export async function revokeShare(db: Database, jobId: string, shareId: string): Promise<boolean> {
  const removed = await db
    .delete(schema.jobShares)
    .where(and(eq(schema.jobShares.id, shareId), eq(schema.jobShares.jobId, jobId)))
    .returning({ id: schema.jobShares.id });
  return removed.length > 0;
}

/**
 * The job a share token opens, with the link's expiry. Unknown, expired and revoked tokens
 * take the same path, one indexed lookup of the token's hash that finds no row, and throw the
 * same `ShareNotFoundError`: nothing tells them apart, in the answer or in its timing.
 *
 * @example
 * const { job, expiresAt } = await findSharedJob(db, token);
 */
export async function findSharedJob(db: Database, token: string): Promise<{ job: JobRow; expiresAt: Date }> {
  const [found] = await db
    .select({ job: schema.jobs, expiresAt: schema.jobShares.expiresAt })
    .from(schema.jobShares)
    .innerJoin(schema.jobs, eq(schema.jobs.id, schema.jobShares.jobId))
    .where(and(eq(schema.jobShares.tokenHash, await sha256Hex(token)), gt(schema.jobShares.expiresAt, sql`now()`)));
  if (!found) throw new ShareNotFoundError();
  return found;
}

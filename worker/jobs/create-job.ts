import { and, eq } from "drizzle-orm";
import type { JobOptionChoices } from "../../agents/contracts/job.ts";
import { resolveJobOptions } from "../../agents/contracts/job-option-layers.ts";
import { type Database, schema } from "../../db/client.ts";
import type { Actor } from "../auth/caller.ts";
import { sha256Hex } from "../auth/secrets.ts";
import type { Env } from "../env.ts";
import { ProblemError } from "../errors/problem.ts";
import { drainOutbox } from "../outbox/drain.ts";
import { recordEffects } from "../outbox/record.ts";
import { readOrganizationPreferences } from "../preferences/organization-preferences.ts";
import { readUserPreferences } from "../preferences/user-preferences.ts";
import { lockOwnUpload } from "../uploads/rows.ts";
import { refuseOverLimit } from "../usage/limits.ts";
import { usageOwnerOf } from "../usage/owner.ts";
import { lectureName } from "./lecture-name.ts";
import type { JobRow } from "./snapshot.ts";

export type CreateJobInput = {
  /** The organization the job belongs to and the user who starts it. */
  actor: Actor;
  uploadId: string;
  /** What the request chose; the rest comes from the creator's defaults, the organization's, then the built-in ones. */
  options: JobOptionChoices;
  webhookUrl?: string;
  metadata?: Record<string, unknown>;
  idempotencyKey?: string;
};

/** Idempotency keys are the organization's, as its jobs are. */
const idempotencyKeyOf = (actor: Actor, key: string) =>
  and(eq(schema.idempotencyKeys.organizationId, actor.organizationId), eq(schema.idempotencyKeys.key, key));

/** JSON with sorted keys, so the same body hashes the same whatever order its keys came in. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Creates a job from a completed upload. With an idempotency key, the key is claimed in the
 * same transaction as the job row: the same key and body return the first job; the same key
 * with another body is refused (422). The job records the options it runs with: the request's,
 * then its creator's defaults, then the organization's, as they are when it is created, then the
 * built-in ones. The queue send and the room update are written to the outbox with the job and performed after the commit; whatever fails there is left for the
 * cron, so a job that was created is never lost and never answered with a 500.
 * A repeated key returns its job even after the month's limit was reached; a new job is
 * refused with 429 `usage_limit_reached` (worker/usage/limits.ts), and its key stays unused.
 */
export async function createJob(
  env: Env,
  db: Database,
  input: CreateJobInput,
): Promise<{ job: JobRow; replayed: boolean }> {
  const { actor, uploadId, options, webhookUrl, metadata, idempotencyKey } = input;
  const requestHash = await sha256Hex(stableStringify({ uploadId, options, webhookUrl, metadata }));
  const result = await db.transaction(async (tx) => {
    if (idempotencyKey) {
      const claimed = await tx
        .insert(schema.idempotencyKeys)
        .values({ ...actor, key: idempotencyKey, requestHash })
        .onConflictDoNothing()
        .returning();
      if (claimed.length === 0) {
        const [earlier] = await tx.select().from(schema.idempotencyKeys).where(idempotencyKeyOf(actor, idempotencyKey));
        if (earlier?.requestHash !== requestHash || !earlier.jobId) {
          throw new ProblemError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used with a different request.",
          );
        }
        const [job] = await tx.select().from(schema.jobs).where(eq(schema.jobs.id, earlier.jobId));
        return { job: job!, replayed: true, outbox: [] };
      }
    }
    await refuseOverLimit(tx, usageOwnerOf(actor), new Date());
    const upload = await lockOwnUpload(tx, actor, uploadId, "share");
    if (upload.status !== "completed") {
      throw new ProblemError(409, "upload_not_completed", "Complete the upload before starting a job from it.");
    }
    const user = await readUserPreferences(tx, actor.userId);
    const organization = await readOrganizationPreferences(tx, actor.organizationId);
    const [job] = await tx
      .insert(schema.jobs)
      .values({
        ...actor,
        uploadId,
        name: lectureName(upload.filename),
        options: resolveJobOptions([options, user.jobDefaults, organization.jobDefaults]),
        webhookUrl,
        metadata: metadata ?? {},
        maxAttempts: Number(env.JOB_MAX_ATTEMPTS) || 3,
      })
      .returning();
    if (idempotencyKey) {
      await tx.update(schema.idempotencyKeys).set({ jobId: job!.id }).where(idempotencyKeyOf(actor, idempotencyKey));
    }
    const outbox = await recordEffects(tx, job!.id, [{ kind: "dispatch", attempt: job!.attempt }, { kind: "publish" }]);
    return { job: job!, replayed: false, outbox };
  });
  await drainOutbox(env, db, { ids: result.outbox });
  return { job: result.job, replayed: result.replayed };
}

import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import type { ResultManifest } from "../../../agents/contracts/artifacts.ts";
import { signInternalRequest } from "../../../agents/contracts/internal-auth.ts";
import { JobOptions } from "../../../agents/contracts/job.ts";
import type { WorkerEvent } from "../../../agents/contracts/media-protocol.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { type Database, schema } from "../../../db/client.ts";
import type { JobRow } from "../../../worker/jobs/snapshot.ts";
import { createAccount } from "../../../worker/organizations/create-account.ts";
import { Bucket } from "../../../worker/storage/bucket.ts";
import { withTestDatabase } from "./database.ts";

/**
 * A completed upload of `userId`'s, as if the bytes had landed and been verified, in
 * `organizationId` (by default the user's personal organization, which has their id). Pass `db`
 * to write it through a handle the caller already holds.
 */
export async function insertCompletedUpload(userId: string, db?: Database, organizationId = userId): Promise<string> {
  if (!db) return withTestDatabase((own) => insertCompletedUpload(userId, own, organizationId));
  const uploadId = crypto.randomUUID();
  await db.insert(schema.uploads).values({
    id: uploadId,
    organizationId,
    userId,
    filename: "lecture.mp4",
    contentType: "video/mp4",
    sizeBytes: 1234,
    objectKey: `uploads/${organizationId}/${uploadId}/source.mp4`,
    status: "completed",
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return uploadId;
}

/**
 * Inserts a user, a completed upload and a job in the state a test needs, straight into the
 * database: these tests are about what happens to a job after it exists.
 */
export async function insertJob(overrides: Partial<typeof schema.jobs.$inferInsert> = {}): Promise<JobRow> {
  return withTestDatabase(async (db) => {
    const userId =
      overrides.userId ??
      (await createAccount(db, { email: `${crypto.randomUUID()}@test.example`, passwordHash: "not-a-real-hash" }))!.id;
    const uploadId = await insertCompletedUpload(userId, db);
    const [job] = await db
      .insert(schema.jobs)
      .values({
        organizationId: userId,
        userId,
        uploadId,
        name: "Test lecture",
        options: JobOptions.parse({}),
        ...overrides,
      })
      .returning();
    return job!;
  });
}

/**
 * A completed job of `userId`'s whose result manifest is in storage, as the media worker leaves
 * it: for tests of what is read from a finished job.
 */
export async function insertCompletedJob(
  userId: string,
  manifest: ResultManifest,
  overrides: Partial<typeof schema.jobs.$inferInsert> = {},
): Promise<JobRow> {
  const id = crypto.randomUUID();
  const manifestKey = storageKeys.manifest(id);
  await new Bucket(env).fetch(manifestKey, { method: "PUT", body: JSON.stringify(manifest) });
  return insertJob({ id, userId, status: "completed", manifestKey, finishedAt: new Date(), ...overrides });
}

export function readJob(id: string): Promise<JobRow> {
  return withTestDatabase(async (db) => (await db.select().from(schema.jobs).where(eq(schema.jobs.id, id)))[0]!);
}

/** The URL of a job's internal events endpoint, on the internal hostname the media worker reports to. */
export const eventsUrl = (jobId: string) => new URL(`/internal/jobs/${jobId}/events`, env.INTERNAL_BASE_URL).toString();

/** The request the media worker sends for `event`, signed with `secret`, to post as often as a test needs. */
export async function signedReport(event: WorkerEvent, secret = env.MEDIA_WORKER_SECRET) {
  const body = JSON.stringify(event);
  const url = eventsUrl(event.jobId);
  const call = { method: "POST", target: url, body, jobId: event.jobId, attempt: event.attempt };
  return { url, init: { method: "POST", body, headers: await signInternalRequest(secret, call) } };
}

/** Posts a report to the internal events endpoint exactly as the media worker does (freshly signed). */
export async function reportEvent(event: WorkerEvent, secret = env.MEDIA_WORKER_SECRET): Promise<Response> {
  const { url, init } = await signedReport(event, secret);
  return SELF.fetch(url, init);
}

/** Polls until `check` passes; the queue and the cron run on their own schedule. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

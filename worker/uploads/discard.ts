import { and, eq, lt } from "drizzle-orm";
import { abortMultipartUpload } from "../../agents/contracts/s3/multipart.ts";
import { type Database, schema } from "../../db/client.ts";
import type { Bucket } from "../storage/bucket.ts";
import type { UploadRow } from "./rows.ts";

/**
 * Removes everything the storage holds for an upload: the parts of an unfinished multipart
 * upload and the object. Safe to repeat.
 *
 * @example
 * await discardStoredBytes(new Bucket(env), row);
 */
export async function discardStoredBytes(bucket: Bucket, row: UploadRow): Promise<void> {
  if (row.multipartUploadId) await abortMultipartUpload(bucket, row.objectKey, row.multipartUploadId);
  await bucket.delete(row.objectKey);
}

/**
 * The cron's sweep: pending uploads past their expiry lose their bytes and become `expired`.
 * A storage failure leaves the row pending, so the next run tries again.
 *
 * @example
 * const { expired } = await expireAbandonedUploads(db, new Bucket(env));
 */
export async function expireAbandonedUploads(
  db: Database,
  bucket: Bucket,
  now = new Date(),
): Promise<{ expired: number; failed: number }> {
  const abandoned = await db
    .select()
    .from(schema.uploads)
    .where(and(eq(schema.uploads.status, "pending"), lt(schema.uploads.expiresAt, now)))
    .limit(100);
  let expired = 0;
  let failed = 0;
  for (const row of abandoned) {
    try {
      await discardStoredBytes(bucket, row);
      const updated = await db
        .update(schema.uploads)
        .set({ status: "expired" })
        .where(and(eq(schema.uploads.id, row.id), eq(schema.uploads.status, "pending")))
        .returning({ id: schema.uploads.id });
      expired += updated.length;
    } catch (error) {
      failed++;
      console.error(
        JSON.stringify({ level: "warn", msg: "upload expiry failed", uploadId: row.id, error: String(error) }),
      );
    }
  }
  return { expired, failed };
}

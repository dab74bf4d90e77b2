import { and, eq } from "drizzle-orm";
import { completeMultipartUpload, listParts } from "../../agents/contracts/s3/multipart.ts";
import { StorageError } from "../../agents/contracts/s3/storage-error.ts";
import { partRange } from "../../agents/contracts/upload-parts.ts";
import { type Database, schema } from "../../db/client.ts";
import { type FieldError, ProblemError } from "../errors/problem.ts";
import type { Bucket } from "../storage/bucket.ts";
import type { UploadRow } from "./rows.ts";
import { multipartShape, usableParts } from "./transfer.ts";

export type ClaimedPart = { partNumber: number; etag: string };

const unquote = (etag: string) => etag.replaceAll('"', "");

/** Why a pending multipart upload cannot be assembled yet; empty when it can. */
function partProblems(row: UploadRow, usable: ReturnType<typeof usableParts>, claimed?: readonly ClaimedPart[]) {
  const { partSize, partCount } = multipartShape(row);
  const byNumber = new Map(usable.map((part) => [part.partNumber, part]));
  const missing: FieldError[] = [];
  for (let partNumber = 1; partNumber <= partCount; partNumber++) {
    if (!byNumber.has(partNumber)) {
      const { sizeBytes } = partRange(partNumber, partSize, row.sizeBytes);
      missing.push({
        path: `parts.${partNumber}`,
        message: `part ${partNumber} (${sizeBytes} bytes) is not in storage`,
      });
    }
  }
  const mismatched = (claimed ?? [])
    .filter((part) => {
      const stored = byNumber.get(part.partNumber);
      return stored && unquote(stored.etag) !== unquote(part.etag);
    })
    .map((part) => ({ path: `parts.${part.partNumber}`, message: `storage holds another ETag for this part` }));
  return { missing, mismatched };
}

/** Assembles the parts, unless that already happened (then ListParts finds no upload). */
async function assembleParts(bucket: Bucket, row: UploadRow, claimed?: readonly ClaimedPart[]): Promise<void> {
  const { uploadId } = multipartShape(row);
  const stored = await listParts(bucket, row.objectKey, uploadId);
  if (!stored) return;
  const usable = usableParts(row, stored);
  const { missing, mismatched } = partProblems(row, usable, claimed);
  if (missing.length > 0) {
    throw new ProblemError(409, "upload_parts_missing", `${missing.length} part(s) still to upload.`, {
      errors: missing,
    });
  }
  if (mismatched.length > 0) {
    throw new ProblemError(
      409,
      "upload_part_mismatch",
      "Parts in storage differ from the ETags sent; upload them again.",
      {
        errors: mismatched,
      },
    );
  }
  try {
    await completeMultipartUpload(bucket, row.objectKey, uploadId, usable);
  } catch (error) {
    // Another request completed it meanwhile: the HEAD that follows decides.
    if (!(error instanceof StorageError && error.code === "NoSuchUpload")) throw error;
  }
}

/**
 * Completes a pending upload once the storage really holds it: assembles a multipart upload,
 * then checks with HEAD that the object exists with the declared size. A failed check leaves
 * the upload pending, so the client can send the missing bytes and try again. Completing a
 * completed upload returns it unchanged.
 *
 * @example
 * const completed = await completeUpload(db, bucket, row, [{ partNumber: 1, etag: '"…"' }]);
 */
export async function completeUpload(
  db: Database,
  bucket: Bucket,
  row: UploadRow,
  claimed?: readonly ClaimedPart[],
  now = new Date(),
): Promise<UploadRow> {
  if (row.status === "completed") return row;
  if (row.status !== "pending" || row.expiresAt <= now) {
    const status = row.status === "pending" ? "expired" : row.status;
    throw new ProblemError(409, `upload_${status}`, `The upload was ${status}; create a new one.`);
  }
  if (row.multipartUploadId) await assembleParts(bucket, row, claimed);
  const object = await bucket.head(row.objectKey);
  if (!object) {
    throw new ProblemError(
      409,
      "upload_not_found_in_storage",
      "The storage has no file for this upload yet; PUT it first.",
    );
  }
  if (object.sizeBytes !== row.sizeBytes) {
    throw new ProblemError(
      422,
      "upload_size_mismatch",
      `The storage holds ${object.sizeBytes} bytes, the upload declared ${row.sizeBytes}.`,
    );
  }
  const [completed] = await db
    .update(schema.uploads)
    .set({ status: "completed", completedAt: now, objectEtag: object.etag })
    .where(and(eq(schema.uploads.id, row.id), eq(schema.uploads.status, "pending")))
    .returning();
  if (completed) return completed;
  const [current] = await db.select().from(schema.uploads).where(eq(schema.uploads.id, row.id));
  if (current?.status === "completed") return current;
  throw new ProblemError(409, `upload_${current?.status ?? "aborted"}`, "The upload changed state while completing.");
}

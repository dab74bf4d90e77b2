import { listParts, type StoredPart } from "../../agents/contracts/s3/multipart.ts";
import { partRange } from "../../agents/contracts/upload-parts.ts";
import type { Bucket } from "../storage/bucket.ts";
import { presignUploadPart } from "../storage/multipart.ts";
import { acceptsBytes, type UploadRow } from "./rows.ts";
import type { UploadSettings } from "./settings.ts";

/** One response carries at most this many part URLs; a client asks again for the rest. */
export const MAX_PART_URLS = 1000;

export type PartUrl = { partNumber: number; size: number; url: string };
export type UploadedPart = { partNumber: number; size: number; etag: string };
export type TransferUrls =
  | { url: string; headers: Record<string, string>; urlsExpireAt: string }
  | { parts: PartUrl[]; uploadedParts: UploadedPart[]; urlsExpireAt: string }
  | Record<string, never>;

/** Stored parts that count: in range and of exactly the planned size (others are sent again). */
export function usableParts(row: UploadRow, stored: readonly StoredPart[]): UploadedPart[] {
  const { partSize, partCount } = multipartShape(row);
  return stored
    .filter(
      (part) =>
        part.partNumber <= partCount &&
        part.sizeBytes === partRange(part.partNumber, partSize, row.sizeBytes).sizeBytes,
    )
    .map((part) => ({ partNumber: part.partNumber, size: part.sizeBytes, etag: part.etag }));
}

export function multipartShape(row: UploadRow): { uploadId: string; partSize: number; partCount: number } {
  if (!row.multipartUploadId || !row.partSize || !row.partCount) throw new Error(`upload ${row.id} is not multipart`);
  return { uploadId: row.multipartUploadId, partSize: row.partSize, partCount: row.partCount };
}

/**
 * Fresh presigned URLs for what the storage does not have yet: the single PUT (bound to the
 * content type and length), or the missing parts of a multipart upload (asking the storage
 * which it holds, so a client resumes after a dropped connection). Nothing once the upload is
 * no longer pending. `storedParts` skips asking when the caller knows (a new upload has none).
 *
 * @example
 * const urls = await transferUrls(bucket, row, uploadSettings(env)); // { parts: [{ partNumber: 2, … }], … }
 */
export async function transferUrls(
  bucket: Bucket,
  row: UploadRow,
  settings: Pick<UploadSettings, "urlTtlSeconds">,
  options: { now?: Date; storedParts?: StoredPart[] } = {},
): Promise<TransferUrls> {
  const now = options.now ?? new Date();
  if (!acceptsBytes(row, now)) return {};
  const expiresIn = Math.max(1, Math.min(settings.urlTtlSeconds, Math.floor((+row.expiresAt - +now) / 1000)));
  const urlsExpireAt = new Date(+now + expiresIn * 1000).toISOString();
  if (!row.multipartUploadId) {
    const headers = { "content-type": row.contentType };
    const url = await bucket.presign("PUT", row.objectKey, {
      expiresIn,
      headers: { ...headers, "content-length": String(row.sizeBytes) },
    });
    return { url, headers, urlsExpireAt };
  }
  const { uploadId, partSize, partCount } = multipartShape(row);
  // The multipart upload is gone once it was assembled: nothing is left to send.
  const stored = options.storedParts ?? (await listParts(bucket, row.objectKey, uploadId));
  const uploadedParts = stored ? usableParts(row, stored) : [];
  const have = new Set(uploadedParts.map((part) => part.partNumber));
  const missing = stored ? Array.from({ length: partCount }, (_, i) => i + 1).filter((n) => !have.has(n)) : [];
  const parts = await Promise.all(
    missing.slice(0, MAX_PART_URLS).map(async (partNumber) => {
      const { sizeBytes } = partRange(partNumber, partSize, row.sizeBytes);
      const url = await presignUploadPart(bucket, row.objectKey, uploadId, partNumber, { expiresIn, sizeBytes });
      return { partNumber, size: sizeBytes, url };
    }),
  );
  return { parts, uploadedParts, urlsExpireAt };
}

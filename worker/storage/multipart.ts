import type { Bucket } from "./bucket.ts";

/**
 * A URL that uploads one part with PUT. The part's length is signed, so the storage refuses a
 * part of any other size (browsers set Content-Length from the body themselves).
 *
 * @example
 * const url = await presignUploadPart(bucket, key, uploadId, 3, { expiresIn: 3600, sizeBytes: 16 * 2 ** 20 });
 */
export function presignUploadPart(
  bucket: Bucket,
  key: string,
  uploadId: string,
  partNumber: number,
  options: { expiresIn: number; sizeBytes: number },
): Promise<string> {
  return bucket.presign("PUT", key, {
    expiresIn: options.expiresIn,
    query: { partNumber: String(partNumber), uploadId },
    headers: { "content-length": String(options.sizeBytes) },
  });
}

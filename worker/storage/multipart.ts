import { type Bucket, StorageError } from "./bucket.ts";
import { escapeXml, xmlElements, xmlText } from "./s3-xml.ts";

/** A part the storage holds for a multipart upload. */
export type StoredPart = { partNumber: number; etag: string; sizeBytes: number };

/** S3 and R2 page ListParts at 1,000 parts; an upload may have 10,000. */
const LIST_PARTS_PAGE = 1000;

/** Turns a failed S3 response into a StorageError carrying S3's own error code. */
async function storageError(response: Response, what: string): Promise<StorageError> {
  const code = xmlText(await response.text(), "Code");
  return new StorageError(`${what} answered ${response.status}${code ? ` ${code}` : ""}`, response.status, code);
}

/**
 * Starts a multipart upload of `key`; the content type becomes the object's.
 *
 * @example
 * const uploadId = await createMultipartUpload(bucket, "uploads/u/1/source.mp4", "video/mp4");
 */
export async function createMultipartUpload(bucket: Bucket, key: string, contentType: string): Promise<string> {
  const response = await bucket.fetch(key, {
    method: "POST",
    query: { uploads: "" },
    headers: { "content-type": contentType },
  });
  if (!response.ok) throw await storageError(response, `CreateMultipartUpload ${key}`);
  const uploadId = xmlText(await response.text(), "UploadId");
  if (!uploadId) throw new StorageError(`CreateMultipartUpload ${key} returned no UploadId`, 502);
  return uploadId;
}

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

/**
 * Every part the storage holds, by part number; null when the multipart upload no longer
 * exists (completed or aborted).
 *
 * @example
 * const parts = await listParts(bucket, key, uploadId); // [{ partNumber: 1, etag: '"…"', sizeBytes: 5242880 }]
 */
export async function listParts(bucket: Bucket, key: string, uploadId: string): Promise<StoredPart[] | null> {
  const parts: StoredPart[] = [];
  for (let marker = "0"; ; ) {
    const response = await bucket.fetch(key, {
      query: { uploadId, "max-parts": String(LIST_PARTS_PAGE), "part-number-marker": marker },
    });
    if (response.status === 404) return null;
    if (!response.ok) throw await storageError(response, `ListParts ${key}`);
    const xml = await response.text();
    for (const part of xmlElements(xml, "Part")) {
      parts.push({
        partNumber: Number(xmlText(part, "PartNumber")),
        etag: xmlText(part, "ETag") ?? "",
        sizeBytes: Number(xmlText(part, "Size")),
      });
    }
    if (xmlText(xml, "IsTruncated") !== "true") return parts;
    marker = xmlText(xml, "NextPartNumberMarker") ?? String(parts.at(-1)?.partNumber ?? 0);
  }
}

/**
 * Assembles the object from its parts, in part-number order. S3 may answer 200 and still
 * fail, with an `<Error>` document as the body: both are errors here.
 *
 * @example
 * await completeMultipartUpload(bucket, key, uploadId, [{ partNumber: 1, etag: '"a1…"' }]);
 */
export async function completeMultipartUpload(
  bucket: Bucket,
  key: string,
  uploadId: string,
  parts: readonly Pick<StoredPart, "partNumber" | "etag">[],
): Promise<void> {
  const body = `<CompleteMultipartUpload>${[...parts]
    .sort((a, b) => a.partNumber - b.partNumber)
    .map((part) => `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>${escapeXml(part.etag)}</ETag></Part>`)
    .join("")}</CompleteMultipartUpload>`;
  const response = await bucket.fetch(key, {
    method: "POST",
    query: { uploadId },
    headers: { "content-type": "application/xml" },
    body,
  });
  const text = await response.text();
  const code = xmlText(text, "Code");
  if (!response.ok || code) {
    throw new StorageError(`CompleteMultipartUpload ${key} failed: ${code ?? response.status}`, response.status, code);
  }
}

/** Discards the parts of a multipart upload; one that no longer exists is not an error. */
export async function abortMultipartUpload(bucket: Bucket, key: string, uploadId: string): Promise<void> {
  const response = await bucket.fetch(key, { method: "DELETE", query: { uploadId } });
  if (!response.ok && response.status !== 404) throw await storageError(response, `AbortMultipartUpload ${key}`);
}

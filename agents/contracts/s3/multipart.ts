import { StorageError } from "./storage-error.ts";
import { escapeXml, xmlElements, xmlText } from "./xml.ts";

// The S3 multipart calls, once, for the Worker (workerd) and the media worker (Node): both sign
// with aws4fetch and hand a requester here, so the answers are read the same way everywhere.

export type S3RequestInit = RequestInit & { query?: Record<string, string> };

/** A SigV4-signed request against one object of the bucket. */
export type S3Requester = { fetch(key: string, init?: S3RequestInit): Promise<Response> };

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
export async function createMultipartUpload(
  s3: S3Requester,
  key: string,
  contentType: string,
  signal?: AbortSignal,
): Promise<string> {
  const init = { method: "POST", query: { uploads: "" }, headers: { "content-type": contentType }, signal };
  const response = await s3.fetch(key, init);
  if (!response.ok) throw await storageError(response, `CreateMultipartUpload ${key}`);
  const uploadId = xmlText(await response.text(), "UploadId");
  if (!uploadId) throw new StorageError(`CreateMultipartUpload ${key} returned no UploadId`, 502);
  return uploadId;
}

/**
 * Uploads one part; answers the ETag that completing the upload needs.
 *
 * @example
 * const etag = await uploadPart(store, key, uploadId, 1, bytes);
 */
export async function uploadPart(
  s3: S3Requester,
  key: string,
  part: { uploadId: string; partNumber: number; body: BodyInit },
  signal?: AbortSignal,
): Promise<string> {
  const query = { partNumber: String(part.partNumber), uploadId: part.uploadId };
  const response = await s3.fetch(key, { method: "PUT", query, body: part.body, signal });
  if (!response.ok) throw await storageError(response, `UploadPart ${part.partNumber} of ${key}`);
  await response.body?.cancel();
  return response.headers.get("etag") ?? "";
}

/**
 * Every part the storage holds, by part number; null when the multipart upload no longer
 * exists (completed or aborted).
 *
 * @example
 * const parts = await listParts(bucket, key, uploadId); // [{ partNumber: 1, etag: '"…"', sizeBytes: 5242880 }]
 */
export async function listParts(s3: S3Requester, key: string, uploadId: string): Promise<StoredPart[] | null> {
  const parts: StoredPart[] = [];
  for (let marker = "0"; ; ) {
    const response = await s3.fetch(key, {
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
  s3: S3Requester,
  key: string,
  uploadId: string,
  parts: readonly Pick<StoredPart, "partNumber" | "etag">[],
  signal?: AbortSignal,
): Promise<void> {
  const body = `<CompleteMultipartUpload>${[...parts]
    .sort((a, b) => a.partNumber - b.partNumber)
    .map((part) => `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>${escapeXml(part.etag)}</ETag></Part>`)
    .join("")}</CompleteMultipartUpload>`;
  const headers = { "content-type": "application/xml" };
  const response = await s3.fetch(key, { method: "POST", query: { uploadId }, headers, body, signal });
  const text = await response.text();
  const code = xmlText(text, "Code");
  if (!response.ok || code) {
    throw new StorageError(`CompleteMultipartUpload ${key} failed: ${code ?? response.status}`, response.status, code);
  }
}

/** Discards the parts of a multipart upload; one that no longer exists is not an error. */
export async function abortMultipartUpload(s3: S3Requester, key: string, uploadId: string): Promise<void> {
  const response = await s3.fetch(key, { method: "DELETE", query: { uploadId } });
  if (!response.ok && response.status !== 404) throw await storageError(response, `AbortMultipartUpload ${key}`);
}

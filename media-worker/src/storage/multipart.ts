import { open } from "node:fs/promises";
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  type S3Requester,
  uploadPart,
} from "../../../agents/contracts/s3/multipart.ts";

export type MultipartFile = { key: string; path: string; size: number; contentType: string; partSizeBytes: number };

/**
 * Multipart upload of a file in equal parts (R2 requires all but the last to be the same
 * size), reading one part at a time so memory stays at one part. Aborted on failure so no
 * orphaned parts are billed until the bucket's lifecycle rule clears them.
 *
 * @example
 * await multipartUpload(s3, { key: "jobs/1/outputs/reel.mp4", path: "/scratch/reel.mp4", size,
 *   contentType: "video/mp4", partSizeBytes: 8 * 2 ** 20 });
 */
export async function multipartUpload(s3: S3Requester, file: MultipartFile, signal?: AbortSignal): Promise<void> {
  const { key, size, partSizeBytes } = file;
  const uploadId = await createMultipartUpload(s3, key, file.contentType, signal);
  const handle = await open(file.path);
  try {
    const parts: { partNumber: number; etag: string }[] = [];
    for (let partNumber = 1, offset = 0; offset < size; partNumber++, offset += partSizeBytes) {
      const body = Buffer.alloc(Math.min(partSizeBytes, size - offset));
      await handle.read(body, 0, body.length, offset);
      parts.push({ partNumber, etag: await uploadPart(s3, key, { uploadId, partNumber, body }, signal) });
    }
    await completeMultipartUpload(s3, key, uploadId, parts, signal);
  } catch (error) {
    await abortMultipartUpload(s3, key, uploadId).catch(() => undefined);
    throw error;
  } finally {
    await handle.close();
  }
}

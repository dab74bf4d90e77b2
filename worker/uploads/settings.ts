import { MAX_PART_BYTES, MAX_SINGLE_PUT_BYTES, MIN_PART_BYTES } from "../../agents/contracts/upload-parts.ts";
import type { Env } from "../env.ts";

export type UploadSettings = {
  maxBytes: number;
  multipartThresholdBytes: number;
  partSizeBytes: number;
  /**
   * Presigned URLs live this long; a client asks for fresh ones with GET /v1/uploads/:id. Short,
   * because a PUT URL still alive after completion could replace the object a job will read.
   */
  urlTtlSeconds: number;
  /** A pending upload is aborted by the cron this long after it was created. */
  uploadTtlSeconds: number;
};

const defaults = { maxBytes: 10 * 2 ** 30, multipartThresholdBytes: 100 * 2 ** 20, partSizeBytes: 16 * 2 ** 20 };

function byteCount(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === "") return fallback;
  const bytes = Number(value);
  if (!Number.isSafeInteger(bytes) || bytes < min || bytes > max) {
    throw new Error(`${name} must be a whole number of bytes from ${min} to ${max}, not ${value}`);
  }
  return bytes;
}

/**
 * The upload limits from the Worker's variables. A part size under R2's 5 MiB minimum is a
 * configuration error, not something to round silently.
 *
 * @example
 * uploadSettings(c.env).maxBytes; // 10737418240 unless MAX_UPLOAD_BYTES says otherwise
 */
export function uploadSettings(
  env: Pick<Env, "MAX_UPLOAD_BYTES" | "UPLOAD_MULTIPART_THRESHOLD_BYTES" | "UPLOAD_PART_SIZE_BYTES">,
): UploadSettings {
  return {
    maxBytes: byteCount(env.MAX_UPLOAD_BYTES, "MAX_UPLOAD_BYTES", defaults.maxBytes, 1, Number.MAX_SAFE_INTEGER),
    multipartThresholdBytes: byteCount(
      env.UPLOAD_MULTIPART_THRESHOLD_BYTES,
      "UPLOAD_MULTIPART_THRESHOLD_BYTES",
      defaults.multipartThresholdBytes,
      1,
      MAX_SINGLE_PUT_BYTES,
    ),
    partSizeBytes: byteCount(
      env.UPLOAD_PART_SIZE_BYTES,
      "UPLOAD_PART_SIZE_BYTES",
      defaults.partSizeBytes,
      MIN_PART_BYTES,
      MAX_PART_BYTES,
    ),
    urlTtlSeconds: 15 * 60,
    uploadTtlSeconds: 24 * 3600,
  };
}

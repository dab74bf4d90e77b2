/** R2 and S3: every part but the last is at least 5 MiB and at most 5 GiB. */
export const MIN_PART_BYTES = 5 * 2 ** 20;
export const MAX_PART_BYTES = 5 * 2 ** 30;
/** R2 and S3: a single PUT carries at most 5 GiB; a multipart upload has at most 10,000 parts. */
export const MAX_SINGLE_PUT_BYTES = 5 * 2 ** 30;
export const MAX_PARTS = 10_000;

export type UploadPlan = { kind: "single" } | { kind: "multipart"; partSize: number; partCount: number };

/**
 * How a file of `sizeBytes` travels: one PUT up to the threshold, otherwise equal parts of the
 * configured size (the last one shorter), grown in whole MiB when 10,000 parts would not hold it.
 * R2 requires every part but the last to have the same size.
 *
 * @example
 * planUpload(11 * 2 ** 20, { multipartThresholdBytes: 8 * 2 ** 20, partSizeBytes: 5 * 2 ** 20 });
 * // { kind: "multipart", partSize: 5242880, partCount: 3 }
 */
export function planUpload(
  sizeBytes: number,
  settings: { multipartThresholdBytes: number; partSizeBytes: number },
): UploadPlan {
  if (sizeBytes <= Math.min(settings.multipartThresholdBytes, MAX_SINGLE_PUT_BYTES)) return { kind: "single" };
  const smallestPartForCount = Math.ceil(sizeBytes / MAX_PARTS / 2 ** 20) * 2 ** 20;
  const partSize = Math.max(settings.partSizeBytes, smallestPartForCount, MIN_PART_BYTES);
  if (partSize > MAX_PART_BYTES) throw new RangeError(`${sizeBytes} bytes do not fit in ${MAX_PARTS} parts`);
  return { kind: "multipart", partSize, partCount: Math.ceil(sizeBytes / partSize) };
}

/**
 * The bytes of one part (numbered from 1): `file.slice(start, end)` is its body.
 *
 * @example
 * partRange(3, 5 * 2 ** 20, 11 * 2 ** 20); // { start: 10485760, end: 11534336, sizeBytes: 1048576 }
 */
export function partRange(
  partNumber: number,
  partSize: number,
  totalBytes: number,
): { start: number; end: number; sizeBytes: number } {
  const start = (partNumber - 1) * partSize;
  const end = Math.min(start + partSize, totalBytes);
  return { start, end, sizeBytes: end - start };
}

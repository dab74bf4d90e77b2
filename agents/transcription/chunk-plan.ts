import type { TimeRange } from "../contracts/artifacts.ts";
import { normalizeRanges, roundMs } from "../shared/time-ranges.ts";

export type ChunkLimits = {
  /** The upload limit (OpenAI: 25 MB); a margin for container headers is kept below it. */
  maxBytes: number;
  /** Some models also cap the audio length of one request. */
  maxSeconds: number;
  bytesPerSecond: number;
};

/** 16 kHz, 16-bit mono WAV. */
export const speechWavBytesPerSecond = 32_000;
export const openAIUploadLimitBytes = 25 * 1024 * 1024;

/**
 * Plans where to cut long audio so that every piece fits the upload limit and every cut lies
 * in a pause: the middle of the latest silence in the second half of the allowed length,
 * preferring pauses of at least 0.3 s. Without any silence there, it cuts at the limit.
 * Pieces are contiguous and cover [0, duration].
 *
 * @example
 * planChunks(3600, silences, { maxBytes: 25 * 2 ** 20, maxSeconds: 1400, bytesPerSecond: 32_000 })
 * // [{ start: 0, end: 777.2 }, { start: 777.2, end: 1550.9 }, …]
 */
export function planChunks(durationSeconds: number, silences: readonly TimeRange[], limits: ChunkLimits): TimeRange[] {
  const maxLength = Math.min(limits.maxSeconds, (limits.maxBytes * 0.97) / limits.bytesPerSecond);
  const pauses = normalizeRanges(silences, durationSeconds);
  const chunks: TimeRange[] = [];
  let start = 0;
  while (durationSeconds - start > maxLength) {
    const end = cutPoint(start, start + maxLength, pauses);
    chunks.push({ start: roundMs(start), end: roundMs(end) });
    start = end;
  }
  if (durationSeconds > start || chunks.length === 0) chunks.push({ start: roundMs(start), end: durationSeconds });
  return chunks;
}

function cutPoint(from: number, latest: number, pauses: readonly TimeRange[]): number {
  const earliest = from + (latest - from) / 2;
  const middles = pauses
    .map((p) => ({ at: (p.start + p.end) / 2, long: p.end - p.start >= 0.3 }))
    .filter((p) => p.at > earliest && p.at <= latest);
  const preferred = middles.filter((p) => p.long);
  return (preferred.at(-1) ?? middles.at(-1))?.at ?? latest;
}

import { type TimeRange, TranscriptPiece } from "../../../agents/contracts/artifacts.ts";
import type { PieceCheckpoints } from "../../../agents/contracts/pipeline-agents.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import type { ObjectStore } from "../storage/object-store.ts";

/** A saved piece counts only for the same stretch of audio: a changed plan recognizes it again. */
const sameRange = (a: TimeRange, b: TimeRange) => Math.abs(a.start - b.start) < 1e-3 && Math.abs(a.end - b.end) < 1e-3;

/**
 * The transcription's per-piece checkpoints in the job's checkpoint area of object storage, so a
 * retried attempt recognizes only the pieces the crashed one had not finished. A piece that
 * cannot be read or parsed is treated as missing and recognized again. Saving is not tied to
 * the job's signal: a piece that finished is kept even while the worker shuts down.
 *
 * @example
 * await agents.transcribe({ ...input, pieces: pieceCheckpoints(store, jobId, signal) });
 */
export function pieceCheckpoints(store: ObjectStore, jobId: string, signal?: AbortSignal): PieceCheckpoints {
  return {
    async load(index, range) {
      const saved = await store.getJson<unknown>(storageKeys.transcriptPiece(jobId, index), signal).catch(() => null);
      const parsed = TranscriptPiece.safeParse(saved);
      return parsed.success && sameRange(parsed.data, range) ? parsed.data : null;
    },
    save: (index, piece) => store.putJson(storageKeys.transcriptPiece(jobId, index), piece),
  };
}

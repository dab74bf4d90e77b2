import { rm } from "node:fs/promises";
import type { TimeRange, TranscriptPiece } from "../contracts/artifacts.ts";
import type { SpeechPieceFormat } from "../contracts/pipeline-agents.ts";
import { mapBounded } from "../shared/bounded-map.ts";
import { mergePieces } from "./pieces.ts";
import type { TranscriptionInput } from "./transcriber.ts";

/** Recognizes the audio file of one piece; its words come back on the source timeline. */
export type RecognizePiece = (
  audioPath: string,
  range: TimeRange,
  call: { signal: AbortSignal; onProgress: (fraction: number) => void },
) => Promise<TranscriptPiece>;

export type PieceRun = { ranges: TimeRange[]; concurrency: number; format: SpeechPieceFormat };

/** Words of every piece, and how many pieces came from checkpoints or were recognized now. */
export type PieceRunResult = ReturnType<typeof mergePieces> & { reused: number; recognized: number };

/**
 * Recognizes the planned pieces with at most `concurrency` at once: a piece checkpointed by an
 * earlier attempt is read back, any other is cut, recognized, saved as its own checkpoint and
 * its file removed. Progress is the share of audio seconds done. A failed or cancelled piece
 * aborts the others, so no recognizer outlives the stage.
 *
 * @example
 * const { words, reused } = await recognizeInPieces(input, { ranges, concurrency: 2, format: "wav" }, recognize);
 */
export async function recognizeInPieces(
  input: TranscriptionInput,
  run: PieceRun,
  recognize: RecognizePiece,
): Promise<PieceRunResult> {
  const total = run.ranges.reduce((sum, r) => sum + (r.end - r.start), 0) || 1;
  const done = run.ranges.map(() => 0);
  const report = (index: number, fraction: number) => {
    done[index] = fraction * ((run.ranges[index] as TimeRange).end - (run.ranges[index] as TimeRange).start);
    input.onProgress?.(Math.min(1, done.reduce((a, b) => a + b, 0) / total));
  };
  let reused = 0;
  const pieces = await mapBounded(
    run.ranges,
    run.concurrency,
    async (range, index, signal) => {
      const saved = await input.pieces?.load(index, range);
      if (saved) {
        reused++;
        report(index, 1);
        return saved;
      }
      const piece = await recognizeOne(input, run, index, signal, (path) =>
        recognize(path, range, { signal, onProgress: (f) => report(index, f) }),
      );
      await input.pieces?.save(index, piece);
      report(index, 1);
      return piece;
    },
    input.signal,
  );
  return { ...mergePieces(pieces), reused, recognized: pieces.length - reused };
}

async function recognizeOne(
  input: TranscriptionInput,
  run: PieceRun,
  index: number,
  signal: AbortSignal,
  recognize: (path: string) => Promise<TranscriptPiece>,
): Promise<TranscriptPiece> {
  const whole = run.ranges.length === 1 && run.format === "wav";
  if (whole) return recognize(input.speechPath);
  if (!input.extractChunk) {
    throw new Error(`the speech track needs ${run.ranges.length} pieces but no extractChunk was given`);
  }
  const path = await input.extractChunk(run.ranges[index] as TimeRange, index, {
    format: run.format,
    signal,
  });
  try {
    return await recognize(path);
  } finally {
    await rm(path, { force: true });
  }
}

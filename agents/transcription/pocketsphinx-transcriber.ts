import { availableParallelism } from "node:os";
import type { Transcript } from "../contracts/artifacts.ts";
import { runCommand } from "../shared/subprocess.ts";
import { type RecognizePiece, recognizeInPieces } from "./piece-runner.ts";
import { planPieces, shiftWords } from "./pieces.ts";
import { lastTimestamp, parsePocketsphinxWords } from "./pocketsphinx-output.ts";
import { defaultPocketsphinxSpeed, type PocketsphinxSpeed, speedArgs } from "./pocketsphinx-speed.ts";
import { defaultSentenceGrouping, groupWordsIntoSentences, type SentenceGrouping } from "./sentences-from-words.ts";
import type { Transcriber, TranscriptionInput } from "./transcriber.ts";

export type PocketsphinxOptions = {
  binary?: string;
  /** Directory of the acoustic model; the Debian package's US English model by default. */
  acousticModel?: string;
  /**
   * CPU seconds allowed per second of audio; the recognizer uses ~0.2–0.7. Wall time may be ten
   * times that: on a loaded machine a piece is slow, not stuck.
   */
  timeoutFactor?: number;
  grouping?: SentenceGrouping;
  /** Recognizers run at once; one per core the worker may use by default. */
  concurrency?: number;
  /** Longest piece: what a crash costs at most, and the unit of parallel work. */
  maxPieceSeconds?: number;
  speed?: PocketsphinxSpeed;
};

export const defaultPocketsphinxPieceSeconds = 120;

/**
 * The offline backend: CMU pocketsphinx with its US English model. Its words are often wrong
 * but its timings are good, which is what snapping and captions timing need. The track is cut
 * at pauses into pieces that run on all the cores the worker has, one process per piece.
 *
 * @example
 * const transcript = await createPocketsphinxTranscriber().transcribe({ speechPath, durationSeconds, language: "en", silences, extractChunk, signal });
 */
export function createPocketsphinxTranscriber(options: PocketsphinxOptions = {}): Transcriber {
  const binary = options.binary ?? "pocketsphinx_continuous";
  const speed = options.speed ?? defaultPocketsphinxSpeed;
  const recognize: RecognizePiece = async (audioPath, range, { signal, onProgress }) => {
    const args = ["-infile", audioPath, "-time", "yes", "-logfn", "/dev/null", ...speedArgs(speed)];
    if (options.acousticModel) args.push("-hmm", options.acousticModel);
    const seconds = range.end - range.start;
    const cpuTimeoutMs = Math.max(60_000, seconds * (options.timeoutFactor ?? 3) * 1000);
    const { stdout } = await runCommand(binary, args, {
      cpuTimeoutMs,
      timeoutMs: 10 * cpuTimeoutMs,
      signal,
      onStdout: (text) => {
        const at = lastTimestamp(text);
        if (at !== undefined && seconds > 0) onProgress(Math.min(1, at / seconds));
      },
    });
    const words = shiftWords(parsePocketsphinxWords(stdout), range);
    return { ...range, words, sentenceEnds: words.map(() => false) };
  };
  return {
    backend: "pocketsphinx",
    async transcribe(input: TranscriptionInput): Promise<Transcript> {
      const startedAt = Date.now();
      const ranges = input.extractChunk
        ? planPieces(input.durationSeconds, input.silences, options.maxPieceSeconds ?? defaultPocketsphinxPieceSeconds)
        : [{ start: 0, end: input.durationSeconds }];
      const concurrency = options.concurrency ?? availableParallelism();
      const result = await recognizeInPieces(input, { ranges, concurrency, format: "wav" }, recognize);
      return {
        backend: "pocketsphinx",
        language: "en",
        sentences: groupWordsIntoSentences(result.words, options.grouping ?? defaultSentenceGrouping),
        costUsd: 0,
        stats: {
          model: "pocketsphinx-en-us",
          chunks: ranges.length,
          attempts: result.recognized,
          piecesReused: result.reused,
          elapsedMs: Date.now() - startedAt,
        },
      };
    },
  };
}

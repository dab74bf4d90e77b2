import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type OpenAI from "openai";
import type { Transcript } from "../contracts/artifacts.ts";
import type { SpeechPieceFormat } from "../contracts/pipeline-agents.ts";
import { defaultRetryPolicy, type RetryDeps, type RetryPolicy, withRetry } from "../contracts/retry.ts";
import { isRetryableApiError } from "../shared/openai-client.ts";
import { transcriptionCostUsd } from "../shared/pricing.ts";
import { openAIUploadLimitBytes, planChunks, speechWavBytesPerSecond } from "./chunk-plan.ts";
import { wordsFromVerbose } from "./openai-verbose.ts";
import { type RecognizePiece, recognizeInPieces } from "./piece-runner.ts";
import { defaultSentenceGrouping, groupWordsIntoSentences } from "./sentences-from-words.ts";
import type { Transcriber, TranscriptionInput } from "./transcriber.ts";

export type OpenAITranscriberOptions = {
  client: OpenAI;
  /** A model that returns word timestamps with `verbose_json` (whisper-1 at OpenAI). */
  model?: string;
  maxUploadBytes?: number;
  /** Longest piece; shorter pieces mean more uploads in parallel and less redone after a crash. */
  maxChunkSeconds?: number;
  /** Uploads in flight at once. */
  concurrency?: number;
  /** How pieces are cut when they can be: Opus (default) is a tenth of the WAV's bytes. */
  uploadFormat?: SpeechPieceFormat;
  retry?: RetryPolicy;
  retryDeps?: RetryDeps;
};

/** 24 kbit/s Opus and the Ogg pages around it, with room to spare. */
const opusBytesPerSecond = 4_000;

/**
 * The OpenAI backend: one request per piece of audio, each piece under the upload limit and cut
 * in a pause, a few uploads in flight at once; word timestamps are shifted back onto the
 * source timeline and regrouped into sentences at punctuation and pauses. Records cost,
 * attempts and elapsed time.
 *
 * @example
 * const transcriber = createOpenAITranscriber({ client: createOpenAIClient({ apiKey, timeoutMs: 300_000 }) });
 * const transcript = await transcriber.transcribe({ speechPath, durationSeconds, language: "en", silences, extractChunk });
 */
export function createOpenAITranscriber(options: OpenAITranscriberOptions): Transcriber {
  const model = options.model ?? "whisper-1";
  return {
    backend: "openai",
    async transcribe(input: TranscriptionInput): Promise<Transcript> {
      const startedAt = Date.now();
      const { size } = await stat(input.speechPath);
      const format = input.extractChunk ? (options.uploadFormat ?? "ogg-opus") : "wav";
      const wavBytesPerSecond = input.durationSeconds > 0 ? size / input.durationSeconds : speechWavBytesPerSecond;
      const ranges = planChunks(input.durationSeconds, input.silences, {
        maxBytes: options.maxUploadBytes ?? openAIUploadLimitBytes,
        maxSeconds: options.maxChunkSeconds ?? 600,
        bytesPerSecond: Math.max(format === "wav" ? wavBytesPerSecond : opusBytesPerSecond, 1),
      });
      let attempts = 0;
      const recognize: RecognizePiece = async (path, range, { signal }) => {
        const response = await withRetry(
          () => {
            attempts++;
            return requestVerbose(options.client, model, path, input.language, signal);
          },
          isRetryableApiError,
          options.retry ?? defaultRetryPolicy,
          { ...options.retryDeps, signal },
        );
        return { ...range, ...wordsFromVerbose(response, range) };
      };
      const concurrency = options.concurrency ?? 4;
      const result = await recognizeInPieces(input, { ranges, concurrency, format }, recognize);
      return {
        backend: "openai",
        language: input.language.split("-")[0] ?? "en",
        sentences: groupWordsIntoSentences(result.words, {
          ...defaultSentenceGrouping,
          endsSentence: (i) => !!result.sentenceEnds[i],
        }),
        costUsd: transcriptionCostUsd(model, input.durationSeconds),
        stats: {
          model,
          chunks: ranges.length,
          attempts,
          piecesReused: result.reused,
          elapsedMs: Date.now() - startedAt,
        },
      };
    },
  };
}

function requestVerbose(client: OpenAI, model: string, path: string, language: string, signal: AbortSignal) {
  return client.audio.transcriptions.create(
    {
      file: createReadStream(path),
      model,
      language: language.split("-")[0],
      response_format: "verbose_json",
      timestamp_granularities: ["word", "segment"],
    },
    { signal },
  );
}

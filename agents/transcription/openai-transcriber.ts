import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type OpenAI from "openai";
import type { TimeRange, Transcript } from "../contracts/artifacts.ts";
import { defaultRetryPolicy, type RetryDeps, type RetryPolicy, withRetry } from "../contracts/retry.ts";
import { isRetryableApiError } from "../shared/openai-client.ts";
import { transcriptionCostUsd } from "../shared/pricing.ts";
import { openAIUploadLimitBytes, planChunks, speechWavBytesPerSecond } from "./chunk-plan.ts";
import { type PieceWords, wordsFromVerbose } from "./openai-verbose.ts";
import { defaultSentenceGrouping, groupWordsIntoSentences } from "./sentences-from-words.ts";
import type { Transcriber, TranscriptionInput } from "./transcriber.ts";

export type OpenAITranscriberOptions = {
  client: OpenAI;
  /** A model that returns word timestamps with `verbose_json` (whisper-1 at OpenAI). */
  model?: string;
  maxUploadBytes?: number;
  maxChunkSeconds?: number;
  retry?: RetryPolicy;
  retryDeps?: RetryDeps;
};

/**
 * The OpenAI backend: one request per piece of audio, each piece under the upload limit and cut
 * in a pause; word timestamps are shifted back onto the source timeline and regrouped into
 * sentences at punctuation and pauses. Records cost, attempts and elapsed time.
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
      const bytesPerSecond = input.durationSeconds > 0 ? size / input.durationSeconds : speechWavBytesPerSecond;
      const chunks = planChunks(input.durationSeconds, input.silences, {
        maxBytes: options.maxUploadBytes ?? openAIUploadLimitBytes,
        maxSeconds: options.maxChunkSeconds ?? 1400,
        bytesPerSecond: Math.max(bytesPerSecond, 1),
      });
      if (chunks.length > 1 && !input.extractChunk) {
        throw new Error(`speech track of ${size} bytes needs ${chunks.length} uploads but no extractChunk was given`);
      }
      let attempts = 0;
      const pieces: PieceWords[] = [];
      for (const [index, range] of chunks.entries()) {
        const path = chunks.length === 1 ? input.speechPath : await (input.extractChunk as Extract)(range, index);
        const response = await withRetry(
          () => {
            attempts++;
            return requestVerbose(options.client, model, path, input.language);
          },
          isRetryableApiError,
          options.retry ?? defaultRetryPolicy,
          options.retryDeps,
        );
        pieces.push(wordsFromVerbose(response, range));
        input.onProgress?.((index + 1) / chunks.length);
      }
      const words = pieces.flatMap((p) => p.words);
      const sentenceEnds = pieces.flatMap((p) => p.sentenceEnds);
      return {
        backend: "openai",
        language: input.language.split("-")[0] ?? "en",
        sentences: groupWordsIntoSentences(words, {
          ...defaultSentenceGrouping,
          endsSentence: (i) => !!sentenceEnds[i],
        }),
        costUsd: transcriptionCostUsd(model, input.durationSeconds),
        stats: { model, chunks: chunks.length, attempts, elapsedMs: Date.now() - startedAt },
      };
    },
  };
}

type Extract = (range: TimeRange, index: number) => Promise<string>;

function requestVerbose(client: OpenAI, model: string, path: string, language: string) {
  return client.audio.transcriptions.create({
    file: createReadStream(path),
    model,
    language: language.split("-")[0],
    response_format: "verbose_json",
    timestamp_granularities: ["word", "segment"],
  });
}

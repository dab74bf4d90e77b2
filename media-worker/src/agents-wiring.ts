import { dirname } from "node:path";
import type { PipelineAgents } from "../../agents/contracts/pipeline-agents.ts";
import { createPipelineAgents } from "../../agents/pipeline-agents.ts";
import type { MediaWorkerConfig } from "./config.ts";
import { cutSpeechPiece } from "./ffmpeg/speech-piece.ts";

/**
 * The production decisions: the `agents/` package, with OpenAI when a key is configured and the
 * offline recognizer and extractive analyser otherwise. The one thing the agents cannot do
 * themselves is cut audio, so pieces of the speech track (for parallel recognition and OpenAI's
 * upload limit) come from here.
 *
 * @example
 * const worker = await startMediaWorker(config, productionAgents(config));
 */
export function productionAgents(
  config: Pick<
    MediaWorkerConfig,
    "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "TRANSCRIPTION_CONCURRENCY" | "ANALYSIS_CONCURRENCY"
  >,
): PipelineAgents {
  return createPipelineAgents({
    openaiApiKey: config.OPENAI_API_KEY,
    openaiBaseUrl: config.OPENAI_BASE_URL,
    transcriptionConcurrency: config.TRANSCRIPTION_CONCURRENCY,
    analysisConcurrency: config.ANALYSIS_CONCURRENCY,
    extractChunk: (speechTrackPath, range, index, options) =>
      cutSpeechPiece(speechTrackPath, dirname(speechTrackPath), range, index, options),
  });
}

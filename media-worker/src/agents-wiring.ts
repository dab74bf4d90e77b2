import { dirname, join } from "node:path";
import type { PipelineAgents } from "../../agents/contracts/pipeline-agents.ts";
import { createPipelineAgents } from "../../agents/pipeline-agents.ts";
import type { MediaWorkerConfig } from "./config.ts";
import { runFfmpeg } from "./ffmpeg/process.ts";

/**
 * The production decisions: the `agents/` package, with OpenAI when a key is configured and the
 * offline recognizer and extractive analyser otherwise. The one thing the agents cannot do
 * themselves is cut audio, so chunks of the speech track for OpenAI's upload limit come from here.
 *
 * @example
 * const worker = await startMediaWorker(config, productionAgents(config));
 */
export function productionAgents(
  config: Pick<MediaWorkerConfig, "OPENAI_API_KEY" | "OPENAI_BASE_URL">,
): PipelineAgents {
  return createPipelineAgents({
    openaiApiKey: config.OPENAI_API_KEY,
    openaiBaseUrl: config.OPENAI_BASE_URL,
    extractChunk: async (speechTrackPath, range, index) => {
      const chunk = join(dirname(speechTrackPath), `speech-chunk-${index}.wav`);
      await runFfmpeg({
        purpose: "speech-chunk",
        inputs: [{ path: speechTrackPath, options: ["-ss", String(range.start), "-to", String(range.end)] }],
        outputs: [{ path: chunk, options: ["-c", "copy"] }],
      });
      return chunk;
    },
  });
}

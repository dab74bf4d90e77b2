import type { Transcript } from "../contracts/artifacts.ts";
import { runCommand } from "../shared/subprocess.ts";
import { lastTimestamp, parsePocketsphinxWords } from "./pocketsphinx-output.ts";
import { defaultSentenceGrouping, groupWordsIntoSentences, type SentenceGrouping } from "./sentences-from-words.ts";
import type { Transcriber, TranscriptionInput } from "./transcriber.ts";

export type PocketsphinxOptions = {
  binary?: string;
  /** Directory of the acoustic model; the Debian package's US English model by default. */
  acousticModel?: string;
  /** Seconds of processing allowed per second of audio; the recognizer runs at ~0.33. */
  timeoutFactor?: number;
  grouping?: SentenceGrouping;
};

/**
 * The offline backend: CMU pocketsphinx with its US English model. Its words are often wrong
 * but its timings are good, which is what snapping and captions timing need.
 *
 * @example
 * const transcript = await createPocketsphinxTranscriber().transcribe({ speechPath, durationSeconds, language: "en", silences });
 */
export function createPocketsphinxTranscriber(options: PocketsphinxOptions = {}): Transcriber {
  const binary = options.binary ?? "pocketsphinx_continuous";
  return {
    backend: "pocketsphinx",
    async transcribe(input: TranscriptionInput): Promise<Transcript> {
      const args = ["-infile", input.speechPath, "-time", "yes", "-logfn", "/dev/null"];
      if (options.acousticModel) args.push("-hmm", options.acousticModel);
      const timeoutMs = Math.max(60_000, input.durationSeconds * (options.timeoutFactor ?? 3) * 1000);
      const { stdout } = await runCommand(binary, args, {
        timeoutMs,
        onStdout: (text) => {
          const at = lastTimestamp(text);
          if (at !== undefined && input.durationSeconds > 0)
            input.onProgress?.(Math.min(1, at / input.durationSeconds));
        },
      });
      const words = parsePocketsphinxWords(stdout);
      return {
        backend: "pocketsphinx",
        language: "en",
        sentences: groupWordsIntoSentences(words, options.grouping ?? defaultSentenceGrouping),
        costUsd: 0,
      };
    },
  };
}

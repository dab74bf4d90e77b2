import { join } from "node:path";
import type { TimeRange } from "../../../agents/contracts/artifacts.ts";
import type { SpeechPieceFormat } from "../../../agents/contracts/pipeline-agents.ts";
import { runFfmpeg } from "./process.ts";

/** Opus at 24 kbit/s keeps speech intelligible for recognition at a tenth of the WAV's bytes. */
const encodings: Record<SpeechPieceFormat, { ext: string; options: string[] }> = {
  wav: { ext: "wav", options: ["-c", "copy"] },
  "ogg-opus": { ext: "ogg", options: ["-c:a", "libopus", "-b:a", "24k", "-ac", "1", "-ar", "16000"] },
};

/**
 * Cuts `range` of the 16 kHz speech track into `dir` as WAV (a stream copy) or Opus, one file
 * per piece index so pieces can be cut while others are being recognized.
 *
 * @example
 * const path = await cutSpeechPiece("/scratch/job/speech-16k.wav", "/scratch/job", { start: 0, end: 118.4 }, 0, { format: "wav" });
 */
export async function cutSpeechPiece(
  speechTrackPath: string,
  dir: string,
  range: TimeRange,
  index: number,
  options: { format: SpeechPieceFormat; signal?: AbortSignal },
): Promise<string> {
  const encoding = encodings[options.format];
  const path = join(dir, `speech-piece-${index}.${encoding.ext}`);
  await runFfmpeg({
    purpose: "speech-piece",
    inputs: [{ path: speechTrackPath, options: ["-ss", String(range.start), "-to", String(range.end)] }],
    outputs: [{ path, options: encoding.options }],
    signal: options.signal,
  });
  return path;
}

import type { TimeRange, Transcript } from "../contracts/artifacts.ts";
import type { PieceCheckpoints, SpeechPieceFormat } from "../contracts/pipeline-agents.ts";

/** Cuts `range` of the speech track into a file of `format` and returns its path. */
export type ExtractPiece = (
  range: TimeRange,
  index: number,
  options: { format: SpeechPieceFormat; signal?: AbortSignal },
) => Promise<string>;

/** What the media worker hands a transcription backend. */
export type TranscriptionInput = {
  /** Local path of the 16 kHz mono WAV from the audio pass. */
  speechPath: string;
  durationSeconds: number;
  /** Language tag of the job ("en", "en-US"); backends use the primary subtag. */
  language: string;
  /** Silences from the audio pass; long audio is split inside them so no word is cut. */
  silences: TimeRange[];
  /**
   * Cuts pieces of the speech track (the media worker implements it with ffmpeg). Without it the
   * offline recognizer reads the whole track in one run, and OpenAI accepts only tracks that fit
   * one upload.
   */
  extractChunk?: ExtractPiece;
  /** Pieces recognized by an earlier attempt; new pieces are saved here as they finish. */
  pieces?: PieceCheckpoints;
  /** Cancel or a stage timeout: every running recognizer process and request stops. */
  signal?: AbortSignal;
  /** Fraction done, 0–1. */
  onProgress?: (fraction: number) => void;
};

/** One speech-to-text backend; `createAgents` picks one by configuration. */
export interface Transcriber {
  readonly backend: Transcript["backend"];
  transcribe(input: TranscriptionInput): Promise<Transcript>;
}

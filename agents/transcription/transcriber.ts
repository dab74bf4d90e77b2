import type { TimeRange, Transcript } from "../contracts/artifacts.ts";

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
   * Cuts `range` of the speech track into an upload-ready file and returns its path. Needed only
   * when the track is larger than the upload limit; the media worker implements it with ffmpeg.
   */
  extractChunk?: (range: TimeRange, index: number) => Promise<string>;
  /** Fraction done, 0–1. */
  onProgress?: (fraction: number) => void;
};

/** One speech-to-text backend; `createAgents` picks one by configuration. */
export interface Transcriber {
  readonly backend: Transcript["backend"];
  transcribe(input: TranscriptionInput): Promise<Transcript>;
}

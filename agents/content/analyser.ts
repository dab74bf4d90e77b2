import type { ContentAnalysis, LayoutAnalysis, Transcript } from "../contracts/artifacts.ts";

/** What content analysis reads: the transcript, and the slides when the lecture has any. */
export type ContentInput = {
  durationSeconds: number;
  transcript: Transcript;
  /** Slide boundaries and OCR text; null for audio-only lectures. */
  layout: LayoutAnalysis | null;
  /** The lecture's title when known (upload name or metadata), a hint for prompts. */
  title?: string;
  /** The clip lengths the job asks for, so candidates come close to fitting them. */
  clipSeconds?: { min: number; max: number };
  /** The number of chapters the job asks for; "auto" (the default) lets the content decide. */
  chapters?: number | "auto";
  /** Cancel, a stage timeout or shutdown: requests in flight are aborted and no further window starts. */
  signal?: AbortSignal;
};

/** One way to find chapters and highlight candidates; `createAgents` picks one by configuration. */
export interface ContentAnalyser {
  readonly backend: ContentAnalysis["backend"];
  analyse(input: ContentInput): Promise<ContentAnalysis>;
}

export const defaultClipSeconds = { min: 20, max: 90 };

/**
 * Pipeline stages in the order of the design's stage graph; `audio`, `transcription` and
 * `layout` run side by side. A module of its own, without zod, so browsers can import it cheaply.
 */
export const stageNames = [
  "probe",
  "audio",
  "transcription",
  "layout",
  "analysis",
  "selection",
  "compilation",
] as const;

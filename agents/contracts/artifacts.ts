import { z } from "zod";

/**
 * Typed outputs of the pipeline stages. Each one is written to storage as the stage's
 * checkpoint, so a retried job can resume from it; times are seconds from the start of the
 * source media.
 */

const TimeRange = z.object({ start: z.number().min(0), end: z.number().min(0) });
export type TimeRange = z.infer<typeof TimeRange>;

export const ProbeResult = z.object({
  durationSeconds: z.number().positive(),
  formatName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  audio: z.object({ codec: z.string(), sampleRate: z.number(), channels: z.number() }),
  video: z
    .object({
      codec: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      fps: z.number().positive(),
      /** Mean seconds between keyframes; decides whether a smart cut can stream-copy. */
      keyframeIntervalSeconds: z.number().nonnegative().optional(),
    })
    .nullable(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

/** Output of the single audio-only ffmpeg pass. */
export const AudioAnalysis = z.object({
  /** Storage key of the 16 kHz mono WAV used for speech recognition. */
  speechTrackKey: z.string(),
  silences: z.array(TimeRange),
  integratedLoudnessLufs: z.number().nullable(),
});
export type AudioAnalysis = z.infer<typeof AudioAnalysis>;

export const Word = z.object({
  text: z.string(),
  start: z.number(),
  end: z.number(),
  confidence: z.number().min(0).max(1),
});
export type Word = z.infer<typeof Word>;

export const Sentence = TimeRange.extend({
  text: z.string(),
  confidence: z.number().min(0).max(1),
  words: z.array(Word),
});
export type Sentence = z.infer<typeof Sentence>;

export const Transcript = z.object({
  backend: z.enum(["openai", "pocketsphinx"]),
  language: z.string(),
  sentences: z.array(Sentence),
  /** Money spent producing it (0 offline), reported in the job's stats. */
  costUsd: z.number().nonnegative(),
  /** How it was produced (model, uploads, attempts incl. retries, wall time), for the job's stats. */
  stats: z
    .object({
      model: z.string(),
      chunks: z.number().int(),
      attempts: z.number().int(),
      elapsedMs: z.number(),
      /** Pieces read back from an earlier attempt's checkpoints instead of recognized again. */
      piecesReused: z.number().int(),
    })
    .partial()
    .optional(),
});
export type Transcript = z.infer<typeof Transcript>;

/**
 * The recognized words of one piece of the speech track, already on the source timeline: each
 * piece is checkpointed on its own so a retried job recognizes only the pieces it lacks.
 */
export const TranscriptPiece = TimeRange.extend({
  words: z.array(Word),
  /** Per word: punctuation from the backend ends a sentence there (OpenAI; all false offline). */
  sentenceEnds: z.array(z.boolean()),
});
export type TranscriptPiece = z.infer<typeof TranscriptPiece>;

export const layoutKinds = ["slides", "talking_head", "mixed"] as const;
export const SlideSegment = TimeRange.extend({
  layout: z.enum(layoutKinds),
  thumbnailKey: z.string().nullable(),
  /** Text read from the slide by OCR; the title is its first prominent line. */
  text: z.string().nullable(),
  title: z.string().nullable(),
});
export type SlideSegment = z.infer<typeof SlideSegment>;

export const LayoutAnalysis = z.object({
  /** Exact times of slide changes (seconds), ascending. */
  slideChanges: z.array(z.number()),
  segments: z.array(SlideSegment),
});
export type LayoutAnalysis = z.infer<typeof LayoutAnalysis>;

export const Chapter = z.object({ start: z.number(), title: z.string(), summary: z.string() });
export type Chapter = z.infer<typeof Chapter>;

export const HighlightCandidate = TimeRange.extend({
  title: z.string(),
  summary: z.string(),
  keyPhrases: z.array(z.string()),
  score: z.number().min(0).max(1),
  reason: z.string(),
});
export type HighlightCandidate = z.infer<typeof HighlightCandidate>;

export const ContentAnalysis = z.object({
  backend: z.enum(["openai", "extractive"]),
  chapters: z.array(Chapter),
  candidates: z.array(HighlightCandidate),
  usage: z.object({
    inputTokens: z.number(),
    outputTokens: z.number(),
    costUsd: z.number(),
    /** Optional details for the job's stats: model, chat requests incl. retries and repairs, wall time. */
    model: z.string().optional(),
    requests: z.number().int().optional(),
    elapsedMs: z.number().optional(),
  }),
});
export type ContentAnalysis = z.infer<typeof ContentAnalysis>;

export const Highlight = HighlightCandidate.omit({ reason: true }).extend({
  chapterIndex: z.number().int().nonnegative(),
});
export type Highlight = z.infer<typeof Highlight>;

export const HighlightSelection = z.object({ highlights: z.array(Highlight) });
export type HighlightSelection = z.infer<typeof HighlightSelection>;

/** The edit list the media worker renders: source ranges, their order in the reel, fades. */
export const CompilationPlan = z.object({
  clips: z.array(TimeRange.extend({ highlightIndex: z.number().int() })),
  reel: z.object({
    order: z.array(z.number().int()),
    fadeSeconds: z.number().nonnegative(),
    /** Where each clip starts on the reel's own timeline, for retiming captions. */
    offsets: z.array(z.number()),
    durationSeconds: z.number().nonnegative(),
  }),
});
export type CompilationPlan = z.infer<typeof CompilationPlan>;

/** What a finished job leaves in storage; the Worker turns keys into presigned URLs. */
export const ResultManifest = z.object({
  durationSeconds: z.number(),
  /** The source's video frame rate (null for audio); manifests written before exports lack it. */
  frameRate: z.number().positive().nullable().optional(),
  highlights: z.array(Highlight.extend({ clipKey: z.string().nullable(), thumbnailKey: z.string().nullable() })),
  chapters: z.array(Chapter),
  reel: z.object({ key: z.string(), durationSeconds: z.number() }).nullable(),
  transcript: z.object({ jsonKey: z.string(), vttKey: z.string(), srtKey: z.string() }),
  reelCaptions: z.object({ vttKey: z.string(), srtKey: z.string() }).nullable(),
  /** The slides as the layout scan found them; manifests written before slides were listed lack it. */
  slides: z.array(SlideSegment).optional(),
  stats: z.record(z.string(), z.unknown()),
});
export type ResultManifest = z.infer<typeof ResultManifest>;

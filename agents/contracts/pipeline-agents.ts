import type {
  AudioAnalysis,
  CompilationPlan,
  ContentAnalysis,
  HighlightSelection,
  LayoutAnalysis,
  ProbeResult,
  SlideSegment,
  TimeRange,
  Transcript,
  TranscriptPiece,
} from "./artifacts.ts";
import type { JobOptions } from "./job.ts";

/** What every decision gets besides its own inputs. */
export type AgentCall = {
  /** Aborted when the job is cancelled or the worker shuts down; agents stop their work on it. */
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
};

/** A stretch between two slide changes, as the media worker measured it. */
export type MeasuredSegment = TimeRange & {
  /** Local path of a still of the segment (for OCR and classification), null without video. */
  thumbnailPath: string | null;
  /** Mean share of picture cells changing between keyframes inside the segment: 0 for a still slide. */
  motion: number;
};

/**
 * Where recognized pieces of the speech track are kept between attempts (the media worker: the
 * job's checkpoint area in object storage). `load` answers null for a piece not done yet.
 */
export type PieceCheckpoints = {
  load(index: number, range: TimeRange): Promise<TranscriptPiece | null>;
  save(index: number, piece: TranscriptPiece): Promise<void>;
};

/** How a piece of the speech track is cut: WAV for the offline recognizer, Opus to upload. */
export type SpeechPieceFormat = "wav" | "ogg-opus";

export type TranscribeInput = AgentCall & {
  /** Local path of the 16 kHz mono WAV of the audio pass. */
  speechTrackPath: string;
  audio: AudioAnalysis;
  probe: ProbeResult;
  language: string;
  /** Pieces recognized by an earlier attempt are read from here instead of recognized again. */
  pieces?: PieceCheckpoints;
};
export type DescribeSlidesInput = AgentCall & { segments: MeasuredSegment[]; probe: ProbeResult };
export type SlideDescription = Pick<SlideSegment, "layout" | "text" | "title">;
export type AnalyseInput = AgentCall & {
  transcript: Transcript;
  layout: LayoutAnalysis;
  audio: AudioAnalysis;
  probe: ProbeResult;
  options: JobOptions;
};
export type SelectInput = AnalyseInput & { analysis: ContentAnalysis };
export type PlanInput = AgentCall & { selection: HighlightSelection; probe: ProbeResult; options: JobOptions };
export type CaptionsInput = AgentCall & { transcript: Transcript; plan: CompilationPlan };

/** One set of captions as file bodies. */
export type CaptionText = { webVtt: string; srt: string };
/** Captions of the whole lecture, and of the reel on the reel's own timeline (null without a reel). */
export type CaptionFiles = { lecture: CaptionText; reel: CaptionText | null };

/**
 * The decisions of the pipeline, made by the `agents/` package (pure TypeScript, AI clients,
 * no ffmpeg). The media worker measures and renders; these choose. `agents/pipeline-agents.ts`
 * implements it for production.
 *
 * @example
 * const transcript = await agents.transcribe({ speechTrackPath, audio, probe, language: "en", signal, onProgress });
 */
export type PipelineAgents = {
  /** Speech to text with sentence and word times, from the 16 kHz mono WAV of the audio pass. */
  transcribe(input: TranscribeInput): Promise<Transcript>;
  /** Layout kind, slide text (OCR) and title per measured segment, in the same order. */
  describeSlides(input: DescribeSlidesInput): Promise<SlideDescription[]>;
  /** Chapters and scored highlight candidates. */
  analyse(input: AnalyseInput): Promise<ContentAnalysis>;
  /** The highlights under the requested count and length limits, boundaries snapped to pauses. */
  select(input: SelectInput): Promise<HighlightSelection>;
  /** The edit list: clip ranges on the source's frame grid, reel order, fade and reel timeline. */
  plan(input: PlanInput): Promise<CompilationPlan>;
  /** WebVTT and SRT captions of the lecture and of the planned reel. */
  captions(input: CaptionsInput): Promise<CaptionFiles>;
};

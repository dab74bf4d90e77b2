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
} from "../../../agents/contracts/artifacts.ts";
import type { JobOptions } from "../../../agents/contracts/job.ts";

/** What every decision gets besides its own inputs. */
export type AgentCall = { signal: AbortSignal; onProgress: (fraction: number) => void };

/** A stretch between two slide changes, as the media worker measured it. */
export type MeasuredSegment = TimeRange & {
  /** Local path of a still of the segment (for OCR and classification), null without video. */
  thumbnailPath: string | null;
  /** Mean share of picture cells changing between keyframes inside the segment: 0 for a still slide. */
  motion: number;
};

/**
 * The decisions of the pipeline, made by the `agents/` package (pure TypeScript, AI clients,
 * no ffmpeg). The media worker measures and renders; these choose. Inputs and outputs are the
 * contract types of `agents/contracts/artifacts.ts`.
 *
 * @example
 * const transcript = await agents.transcribe({ speechTrackPath, audio, probe, language: "en", ...call });
 */
export type Agents = {
  /** Speech to text with sentence and word times, from the 16 kHz mono WAV of the audio pass. */
  transcribe(
    input: AgentCall & { speechTrackPath: string; audio: AudioAnalysis; probe: ProbeResult; language: string },
  ): Promise<Transcript>;
  /** Layout kind, slide text (OCR) and title per measured segment, in the same order. */
  describeSlides(
    input: AgentCall & { segments: MeasuredSegment[]; probe: ProbeResult },
  ): Promise<Pick<SlideSegment, "layout" | "text" | "title">[]>;
  /** Chapters and scored highlight candidates. */
  analyse(
    input: AgentCall & {
      transcript: Transcript;
      layout: LayoutAnalysis;
      audio: AudioAnalysis;
      probe: ProbeResult;
      options: JobOptions;
    },
  ): Promise<ContentAnalysis>;
  /** The highlights under the requested count and length limits, boundaries snapped to pauses. */
  select(
    input: AgentCall & {
      analysis: ContentAnalysis;
      transcript: Transcript;
      audio: AudioAnalysis;
      layout: LayoutAnalysis;
      probe: ProbeResult;
      options: JobOptions;
    },
  ): Promise<HighlightSelection>;
  /** The edit list: clip ranges, reel order and fade length. */
  plan(
    input: AgentCall & { selection: HighlightSelection; probe: ProbeResult; options: JobOptions },
  ): Promise<CompilationPlan>;
};

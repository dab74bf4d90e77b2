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
} from "./contracts/artifacts.ts";
import type { JobOptions } from "./contracts/job.ts";
import { type AgentsConfig, createAgents } from "./index.ts";
import { highlightLimits } from "./selection/lecture-defaults.ts";

type Call = { signal: AbortSignal; onProgress: (fraction: number) => void };
type Measured = TimeRange & { thumbnailPath: string | null; motion: number };

export type PipelineAgentsConfig = AgentsConfig & {
  /**
   * Cuts `range` of the speech track at `speechTrackPath` into an upload-ready file; needed for
   * OpenAI transcription of tracks over the upload limit (about 13 minutes of 16 kHz WAV).
   */
  extractChunk?: (speechTrackPath: string, range: TimeRange, index: number) => Promise<string>;
};

/**
 * The agents in the shape the media worker's pipeline calls (`media-worker/src/pipeline/agents.ts`):
 * the same decisions as `createAgents`, fed from the pipeline's artifacts.
 *
 * @example
 * const agents = createPipelineAgents({ openaiApiKey, extractChunk: (path, range, i) => ffmpegCut(path, range, i) });
 * const transcript = await agents.transcribe({ speechTrackPath, audio, probe, language: "en", signal, onProgress });
 */
export function createPipelineAgents(config: PipelineAgentsConfig = {}) {
  const agents = createAgents(config);
  const clipSeconds = (o: JobOptions, duration: number) => {
    const limits = highlightLimits(o, duration);
    return { min: limits.clipMinSeconds, max: limits.clipMaxSeconds };
  };
  return {
    backends: agents.backends,
    transcribe(input: Call & { speechTrackPath: string; audio: AudioAnalysis; probe: ProbeResult; language: string }) {
      const extract = config.extractChunk;
      return agents.transcribe({
        speechPath: input.speechTrackPath,
        durationSeconds: input.probe.durationSeconds,
        language: input.language,
        silences: input.audio.silences,
        extractChunk: extract ? (range, index) => extract(input.speechTrackPath, range, index) : undefined,
        onProgress: input.onProgress,
      }) satisfies Promise<Transcript>;
    },
    async describeSlides(input: Call & { segments: Measured[]; probe: ProbeResult }) {
      const layout = await agents.analyseLayout({
        durationSeconds: input.probe.durationSeconds,
        slideChanges: input.segments.slice(1).map((s) => s.start),
        // The media worker's motion is the share of picture cells that change: it is the moving area too.
        segments: input.segments.map((s) => ({
          thumbnailPath: s.thumbnailPath,
          thumbnailKey: null,
          signals: { motion: s.motion, movingAreaRatio: s.motion },
        })),
      });
      return layout.segments.map(({ layout: kind, text, title }) => ({ layout: kind, text, title })) satisfies Pick<
        SlideSegment,
        "layout" | "text" | "title"
      >[];
    },
    analyse(input: Call & { transcript: Transcript; layout: LayoutAnalysis; probe: ProbeResult; options: JobOptions }) {
      return agents.analyseContent({
        durationSeconds: input.probe.durationSeconds,
        transcript: input.transcript,
        layout: input.layout,
        clipSeconds: clipSeconds(input.options, input.probe.durationSeconds),
        chapters: input.options.chapters,
      }) satisfies Promise<ContentAnalysis>;
    },
    async select(
      input: Call & {
        analysis: ContentAnalysis;
        transcript: Transcript;
        audio: AudioAnalysis;
        probe: ProbeResult;
        options: JobOptions;
      },
    ) {
      const durationSeconds = input.probe.durationSeconds;
      const { pauses } = agents.analyseSilence({ durationSeconds, silences: input.audio.silences });
      return agents.selectHighlights({ ...input, durationSeconds, pauses }) satisfies HighlightSelection;
    },
    async plan(input: Call & { selection: HighlightSelection }) {
      return agents.planCompilation({ selection: input.selection }) satisfies CompilationPlan;
    },
  };
}

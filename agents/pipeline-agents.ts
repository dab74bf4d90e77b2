import type { TimeRange } from "./contracts/artifacts.ts";
import type { JobOptions } from "./contracts/job.ts";
import type { PipelineAgents, SpeechPieceFormat } from "./contracts/pipeline-agents.ts";
import { type AgentsConfig, createAgents } from "./index.ts";
import { highlightLimits } from "./selection/lecture-defaults.ts";

export type PipelineAgentsConfig = AgentsConfig & {
  /**
   * Cuts `range` of the speech track at `speechTrackPath` into a file of `format`: the pieces
   * recognized in parallel and checkpointed one by one, and OpenAI's uploads under its limit.
   */
  extractChunk?: (
    speechTrackPath: string,
    range: TimeRange,
    index: number,
    options: { format: SpeechPieceFormat; signal?: AbortSignal },
  ) => Promise<string>;
};

/**
 * The agents in the shape the media worker's pipeline calls (the `PipelineAgents` contract):
 * the same decisions as `createAgents`, fed from the pipeline's artifacts. Each call runs in an
 * abort scope of its signal, so every subprocess it starts dies with the job, forwarded or not.
 *
 * @example
 * const agents = createPipelineAgents({ openaiApiKey, extractChunk: (path, range, i, o) => ffmpegCut(path, range, i, o) });
 * const transcript = await agents.transcribe({ speechTrackPath, audio, probe, language: "en", signal, onProgress });
 */
export function createPipelineAgents(config: PipelineAgentsConfig = {}): PipelineAgents {
  const agents = createAgents(config);
  const clipSeconds = (o: JobOptions, duration: number) => {
    const limits = highlightLimits(o, duration);
    return { min: limits.clipMinSeconds, max: limits.clipMaxSeconds };
  };
  return {
    transcribe(input) {
      const extract = config.extractChunk;
      return agents.transcribe({
        speechPath: input.speechTrackPath,
        durationSeconds: input.probe.durationSeconds,
        language: input.language,
        silences: input.audio.silences,
        extractChunk: extract
          ? (range, index, options) => extract(input.speechTrackPath, range, index, options)
          : undefined,
        pieces: input.pieces,
        signal: input.signal,
        onProgress: input.onProgress,
      });
    },
    async describeSlides(input) {
      const layout = await agents.analyseLayout({
        signal: input.signal,
        durationSeconds: input.probe.durationSeconds,
        slideChanges: input.segments.slice(1).map((s) => s.start),
        // The media worker's motion is the share of picture cells that change: it is the moving area too.
        segments: input.segments.map((s) => ({
          thumbnailPath: s.thumbnailPath,
          thumbnailKey: null,
          signals: { motion: s.motion, movingAreaRatio: s.motion },
        })),
      });
      return layout.segments.map(({ layout: kind, text, title }) => ({ layout: kind, text, title }));
    },
    analyse(input) {
      return agents.analyseContent({
        signal: input.signal,
        durationSeconds: input.probe.durationSeconds,
        transcript: input.transcript,
        layout: input.layout,
        clipSeconds: clipSeconds(input.options, input.probe.durationSeconds),
        chapters: input.options.chapters,
      });
    },
    async select(input) {
      input.signal.throwIfAborted();
      const durationSeconds = input.probe.durationSeconds;
      const { pauses } = agents.analyseSilence({ durationSeconds, silences: input.audio.silences });
      return agents.selectHighlights({ ...input, durationSeconds, pauses });
    },
    async plan(input) {
      return agents.planCompilation({ selection: input.selection, fps: input.probe.video?.fps ?? null });
    },
    async captions(input) {
      return agents.captions(input);
    },
  };
}

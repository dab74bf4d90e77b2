import type {
  CompilationPlan,
  ContentAnalysis,
  HighlightSelection,
  LayoutAnalysis,
  ProbeResult,
  ResultManifest,
  Transcript,
} from "../../../agents/contracts/artifacts.ts";
import type { TextOutputs } from "./text-outputs.ts";

/** Keys of what `renderOutputs` encoded: clips and posters by highlight index, and the reel. */
export type RenderedMedia = { clipKeys: Map<number, string>; posterKeys: Map<number, string>; reelKey: string | null };

/** The decisions of a finished job that its manifest lists. */
export type JobDecisions = {
  probe: ProbeResult;
  layout: LayoutAnalysis;
  transcript: Transcript;
  analysis: ContentAnalysis;
  selection: HighlightSelection;
  plan: CompilationPlan;
};

/** The ResultManifest of a finished job, from its decisions and the keys of its outputs. */
export function manifestOf(input: JobDecisions, media: RenderedMedia, text: TextOutputs): ResultManifest {
  const { probe, plan } = input;
  const { clipKeys, posterKeys, reelKey } = media;
  const { transcript, reelCaptions } = text;
  const reel = plan.reel;
  const ranges = plan.clips;
  return {
    durationSeconds: probe.durationSeconds,
    frameRate: probe.video?.fps ?? null,
    highlights: input.selection.highlights.map((h, i) => ({
      ...h,
      clipKey: clipKeys.get(i) ?? null,
      thumbnailKey: posterKeys.get(i) ?? null,
    })),
    chapters: input.analysis.chapters,
    reel: reelKey ? { key: reelKey, durationSeconds: reel.durationSeconds } : null,
    transcript,
    reelCaptions,
    slides: input.layout.segments,
    stats: {
      transcriptBackend: input.transcript.backend,
      analysisBackend: input.analysis.backend,
      costUsd: input.transcript.costUsd + input.analysis.usage.costUsd,
      clips: ranges.length,
      reelOffsets: reel.offsets,
      reelFadeSeconds: reel.fadeSeconds,
    },
  };
}

import {
  type AudioAnalysis,
  ContentAnalysis,
  HighlightSelection,
  type LayoutAnalysis,
  type ProbeResult,
  type Transcript,
} from "../../../agents/contracts/artifacts.ts";
import type { PipelineContext } from "./context.ts";
import { runStage } from "./stage-runner.ts";

type Measured = { probe: ProbeResult; audio: AudioAnalysis; transcript: Transcript; layout: LayoutAnalysis };

/** Content analysis: chapters and highlight candidates, decided by the agents. */
export const analysisStage = (context: PipelineContext, measured: Measured) =>
  runStage(context, "analysis", ContentAnalysis, ({ signal, onProgress }) =>
    context.agents.analyse({ ...measured, options: context.options, signal, onProgress }),
  );

/** Segment extraction: the highlights themselves, decided by the agents. */
export const selectionStage = (context: PipelineContext, measured: Measured, analysis: ContentAnalysis) =>
  runStage(context, "selection", HighlightSelection, ({ signal, onProgress }) =>
    context.agents.select({ ...measured, analysis, options: context.options, signal, onProgress }),
  );

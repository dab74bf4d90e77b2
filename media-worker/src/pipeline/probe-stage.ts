import { ProbeResult } from "../../../agents/contracts/artifacts.ts";
import { probeMedia } from "../ffmpeg/probe.ts";
import type { PipelineContext } from "./context.ts";
import { runStage } from "./stage-runner.ts";

/** Probe: what the input is, or a specific reason why it cannot be a lecture. */
export const probeStage = (context: PipelineContext) =>
  runStage(context, "probe", ProbeResult, async ({ signal, onProgress }) => {
    const path = await context.source();
    onProgress(0.5);
    return probeMedia(path, { maxDurationSeconds: context.settings.maxDurationSeconds, signal });
  });

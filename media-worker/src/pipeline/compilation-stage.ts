import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  type ContentAnalysis,
  type HighlightSelection,
  type LayoutAnalysis,
  type ProbeResult,
  ResultManifest,
  type Transcript,
} from "../../../agents/contracts/artifacts.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { renderOutputs } from "../compile/render-outputs.ts";
import type { PipelineContext } from "./context.ts";
import { runStage } from "./stage-runner.ts";

type Decided = {
  probe: ProbeResult;
  layout: LayoutAnalysis;
  transcript: Transcript;
  analysis: ContentAnalysis;
  selection: HighlightSelection;
};

/** Compilation: the agents plan the edit and write the captions, the media worker renders and uploads them, then the manifest. */
export const compilationStage = (context: PipelineContext, decided: Decided) =>
  runStage(context, "compilation", ResultManifest, async ({ signal, onProgress }) => {
    const call = { signal, onProgress: () => {} };
    const plan = await context.agents.plan({
      ...call,
      selection: decided.selection,
      probe: decided.probe,
      options: context.options,
    });
    const captions = await context.agents.captions({ ...call, transcript: decided.transcript, plan });
    const workDir = join(context.scratchDir, "compilation");
    await mkdir(workDir, { recursive: true });
    const manifest = await renderOutputs({
      ...decided,
      jobId: context.jobId,
      source: await context.source(),
      workDir,
      plan,
      captions,
      store: context.store,
      signal,
      onProgress,
    });
    await context.store.putJson(storageKeys.manifest(context.jobId), manifest, signal);
    return manifest;
  });

import { extname, join } from "node:path";
import type { ResultManifest } from "../../../agents/contracts/artifacts.ts";
import { plainJobErrorMessages } from "../../../agents/contracts/job.ts";
import type { JobSpec } from "../../../agents/contracts/media-protocol.ts";
import type { PipelineAgents } from "../../../agents/contracts/pipeline-agents.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { linkedSignal } from "../abort.ts";
import { PermanentRequestError } from "../http-answer.ts";
import { JobFailure } from "../job-failure.ts";
import type { ObjectStore } from "../storage/object-store.ts";
import { withScratchDir } from "../storage/scratch.ts";
import type { AiSpend } from "./ai-spend.ts";
import { audioStage } from "./audio-stage.ts";
import { compilationStage } from "./compilation-stage.ts";
import type { PipelineContext, PipelineReporter, PipelineSettings } from "./context.ts";
import { analysisStage, selectionStage } from "./decision-stages.ts";
import { layoutStage } from "./layout-stage.ts";
import { probeStage } from "./probe-stage.ts";
import { transcriptionStage } from "./transcription-stage.ts";

export type PipelineDeps = {
  store: ObjectStore;
  agents: PipelineAgents;
  settings: PipelineSettings;
  scratchRoot: string;
  reporter: PipelineReporter;
  /** Aborting it stops the job; a JobFailure as the reason names the outcome (cancelled, shutdown). */
  signal: AbortSignal;
  /** Told each finished stage's AI cost, for the report of an attempt that fails later. */
  spend?: AiSpend;
};
export type PipelineResult = { manifest: ResultManifest; manifestKey: string };

/**
 * Runs one attempt of a job: probe, then the audio pass → transcription chain beside the
 * layout scan (one core each), then analysis, selection and compilation. Every stage resumes
 * from its checkpoint when an earlier attempt finished it. Throws a JobFailure.
 *
 * @example
 * const { manifestKey } = await runPipeline(spec, { store, agents, settings, scratchRoot, reporter, signal });
 */
export async function runPipeline(spec: JobSpec, deps: PipelineDeps): Promise<PipelineResult> {
  return withScratchDir(deps.scratchRoot, spec.jobId, async (scratchDir) => {
    const context = createContext(spec, deps, scratchDir);
    const probe = await probeStage(context);
    const [measuredAudio, layout] = await bothOrNeither(context, [
      async (branch) => {
        const audio = await audioStage(branch, probe);
        const transcript = await transcriptionStage(branch, probe, audio);
        deps.spend?.record("transcription", transcript.costUsd);
        return { audio, transcript };
      },
      (branch) => layoutStage(branch, probe),
    ]);
    const measured = { probe, ...measuredAudio, layout };
    const analysis = await analysisStage(context, measured);
    deps.spend?.record("analysis", analysis.usage.costUsd);
    const selection = await selectionStage(context, measured, analysis);
    const manifest = await compilationStage(context, { ...measured, analysis, selection });
    return { manifest, manifestKey: storageKeys.manifest(spec.jobId) };
  });
}

function createContext(spec: JobSpec, deps: PipelineDeps, scratchDir: string): PipelineContext {
  let download: Promise<string> | null = null;
  const source = () => {
    download ??= (async () => {
      const ext = extname(spec.input.key).replace(/[^.a-z0-9]/gi, "") || ".bin";
      const path = join(scratchDir, `source${ext}`);
      await deps.store.download(spec.input.key, path, deps.signal, spec.input.etag).catch((error) => {
        if (error instanceof PermanentRequestError && error.status === 404) {
          throw new JobFailure("input_missing", plainJobErrorMessages.input_missing);
        }
        if (error instanceof PermanentRequestError && error.status === 412) {
          throw new JobFailure("input_changed", plainJobErrorMessages.input_changed, { cause: error });
        }
        throw error;
      });
      return path;
    })();
    return download;
  };
  return {
    jobId: spec.jobId,
    attempt: spec.attempt,
    inputKey: spec.input.key,
    options: spec.options,
    store: deps.store,
    agents: deps.agents,
    settings: deps.settings,
    scratchDir,
    signal: deps.signal,
    reporter: deps.reporter,
    source,
  };
}

/**
 * Runs two branches side by side. When one fails the other is aborted, and both are awaited
 * before the failure is thrown, so no ffmpeg outlives the attempt and every checkpoint that
 * was being written is written.
 */
async function bothOrNeither<A, B>(
  context: PipelineContext,
  branches: [(c: PipelineContext) => Promise<A>, (c: PipelineContext) => Promise<B>],
): Promise<[A, B]> {
  const sibling = new AbortController();
  const { signal, dispose } = linkedSignal(context.signal, sibling.signal);
  const branchContext = { ...context, signal };
  // The first failure is the cause; the other branch then fails only because it was aborted.
  let cause: { error: unknown } | null = null;
  const guard = <T>(work: Promise<T>) =>
    work.catch((error: unknown) => {
      cause ??= { error };
      sibling.abort(error);
      throw error;
    });
  const [a, b] = await Promise.allSettled([guard(branches[0](branchContext)), guard(branches[1](branchContext))]);
  dispose();
  if (cause) throw (cause as { error: unknown }).error;
  if (a.status === "rejected" || b.status === "rejected")
    throw new Error("unreachable: a branch failed without a cause");
  return [a.value, b.value];
}

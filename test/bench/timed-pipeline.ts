import type { ResultManifest } from "../../agents/contracts/artifacts.ts";
import type { StageName } from "../../agents/contracts/job.ts";
import type { JobSpec } from "../../agents/contracts/media-protocol.ts";
import type { PipelineAgents } from "../../agents/contracts/pipeline-agents.ts";
import { defaultStageTimeoutSeconds } from "../../media-worker/src/pipeline/context.ts";
import { runPipeline } from "../../media-worker/src/pipeline/run-pipeline.ts";
import type { ObjectStore } from "../../media-worker/src/storage/object-store.ts";
import { uploadJob } from "../support/pipeline-harness.ts";

export type TimedRun = {
  spec: JobSpec;
  manifest: ResultManifest;
  totalSeconds: number;
  /** Each stage's own wall time, as the pipeline reports it. */
  stageSeconds: Partial<Record<StageName, number>>;
  /** When each stage finished, in seconds from the job's start (stages overlap). */
  stageEnds: Partial<Record<StageName, number>>;
};

/**
 * One job over a local file through the real pipeline with `agents`, timed stage by stage.
 *
 * @example
 * const { totalSeconds, stageSeconds } = await timedPipeline(store, "lecture.mp4", agents, scratchRoot);
 */
export async function timedPipeline(
  store: ObjectStore,
  lecturePath: string,
  agents: PipelineAgents,
  scratchRoot: string,
): Promise<TimedRun> {
  const spec = await uploadJob(store, lecturePath, "mp4");
  const stageEnds: TimedRun["stageEnds"] = {};
  const stageSeconds: TimedRun["stageSeconds"] = {};
  const started = performance.now();
  const { manifest } = await runPipeline(spec, {
    store,
    agents,
    settings: { maxDurationSeconds: 4 * 3600, stageTimeoutSeconds: defaultStageTimeoutSeconds },
    scratchRoot,
    signal: new AbortController().signal,
    reporter: {
      progress: () => {},
      stage: (stage, _status, _key, durationMs) => {
        stageEnds[stage] = (performance.now() - started) / 1000;
        stageSeconds[stage] = durationMs / 1000;
      },
    },
  });
  return { spec, manifest, totalSeconds: (performance.now() - started) / 1000, stageSeconds, stageEnds };
}

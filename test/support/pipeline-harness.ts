import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JobOptions, type StageName } from "../../agents/contracts/job.ts";
import type { JobSpec } from "../../agents/contracts/media-protocol.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import type { GroundTruth } from "../../infra/sample-lecture/lecture-types.ts";
import { calculusLecture, shortScript } from "../../infra/sample-lecture/scripts.ts";
import { defaultStageTimeoutSeconds, type PipelineReporter } from "../../media-worker/src/pipeline/context.ts";
import { type PipelineDeps, runPipeline } from "../../media-worker/src/pipeline/run-pipeline.ts";
import type { ObjectStore } from "../../media-worker/src/storage/object-store.ts";
import { groundTruthAgents } from "./ground-truth-agents.ts";

export type StageLog = { stage: StageName; status: "completed" | "skipped" }[];

/** The smallest useful lecture (two slides, two sentences, 320×180): for intake and shutdown tests. */
export const tinyLecture = () =>
  generateLecture({ script: shortScript(calculusLecture, 2, 1), width: 320, height: 180, gopSeconds: 2 });

/** A reporter that remembers what it was told. */
export function recordingReporter(): PipelineReporter & { stages: StageLog; fractions: number[] } {
  const stages: StageLog = [];
  const fractions: number[] = [];
  return {
    stages,
    fractions,
    progress: (_stage, fraction) => fractions.push(fraction),
    stage: (stage, status) => stages.push({ stage, status }),
  };
}

/** Uploads a local file as a job's input and returns the spec of a job over it. */
export async function uploadJob(
  store: ObjectStore,
  path: string,
  ext: string,
  options: Partial<JobOptions> = {},
): Promise<JobSpec> {
  const jobId = randomUUID();
  const key = `uploads/test-user/${jobId}/source.${ext}`;
  await store.upload(key, path, "application/octet-stream");
  return {
    jobId,
    attempt: 1,
    input: { key, contentType: "video/mp4", sizeBytes: 0 },
    options: JobOptions.parse(options),
    reportUrl: "http://127.0.0.1:9/unused",
  };
}

/**
 * Runs the real pipeline (real ffmpeg, real local S3) with the ground-truth agents double.
 *
 * @example
 * const run = await runWithTruth(store, spec, truth); run.reporter.stages; run.calls.transcribe;
 */
export async function runWithTruth(
  store: ObjectStore,
  spec: JobSpec,
  truth: GroundTruth,
  overrides: Partial<PipelineDeps> = {},
) {
  const { agents, calls } = groundTruthAgents(truth);
  const reporter = recordingReporter();
  const deps: PipelineDeps = {
    store,
    agents,
    settings: { maxDurationSeconds: 3600, stageTimeoutSeconds: defaultStageTimeoutSeconds },
    scratchRoot: mkdtempSync(join(tmpdir(), "lh-scratch-")),
    reporter,
    signal: new AbortController().signal,
    ...overrides,
  };
  const result = await runPipeline(spec, deps);
  return { result, calls, reporter, scratchRoot: deps.scratchRoot };
}

import type { JobOptions, StageName } from "../../../agents/contracts/job.ts";
import type { PipelineAgents } from "../../../agents/contracts/pipeline-agents.ts";
import type { ObjectStore } from "../storage/object-store.ts";

/** Where the runner tells the world how a job is going (the intake turns it into WorkerEvents). */
export type PipelineReporter = {
  progress(stage: StageName, fraction: number): void;
  stage(stage: StageName, status: "completed" | "skipped", checkpointKey: string, durationMs: number): void;
};

export type PipelineSettings = {
  maxDurationSeconds: number;
  /** Per-stage wall-time limits; a stage over its limit fails with stage_timeout. */
  stageTimeoutSeconds: Record<StageName, number>;
};

export const defaultStageTimeoutSeconds: Record<StageName, number> = {
  probe: 120,
  audio: 900,
  transcription: 3600,
  layout: 1800,
  analysis: 900,
  selection: 300,
  compilation: 3600,
};

/**
 * The stage limits with `stage=seconds` overrides applied (unknown stage names are refused).
 *
 * @example
 * stageTimeouts("transcription=5400").transcription; // 5400
 */
export function stageTimeouts(overrides = ""): Record<StageName, number> {
  const limits = { ...defaultStageTimeoutSeconds };
  for (const pair of overrides.split(",").filter(Boolean)) {
    const [stage, seconds] = pair.split("=");
    if (!(stage! in limits)) throw new Error(`STAGE_TIMEOUT_SECONDS names an unknown stage: ${stage}`);
    limits[stage as StageName] = Number(seconds);
  }
  return limits;
}

/** Everything a stage may use; built once per job attempt by `runPipeline`. */
export type PipelineContext = {
  jobId: string;
  attempt: number;
  inputKey: string;
  options: JobOptions;
  store: ObjectStore;
  agents: PipelineAgents;
  settings: PipelineSettings;
  scratchDir: string;
  signal: AbortSignal;
  reporter: PipelineReporter;
  /** Local path of the input, downloaded on first use (a resumed job may never need it). */
  source(): Promise<string>;
};

/** What a stage body receives: the job context plus its own abort signal and progress. */
export type StageCall = { context: PipelineContext; signal: AbortSignal; onProgress: (fraction: number) => void };

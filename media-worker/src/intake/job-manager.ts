import type { JobSpec } from "../../../agents/contracts/media-protocol.ts";
import type { PipelineAgents } from "../../../agents/contracts/pipeline-agents.ts";
import { JobFailure } from "../job-failure.ts";
import { log } from "../log.ts";
import { metrics } from "../metrics.ts";
import type { PipelineSettings } from "../pipeline/context.ts";
import { runPipeline } from "../pipeline/run-pipeline.ts";
import type { ObjectStore } from "../storage/object-store.ts";
import { EventReporter, type EventReporterOptions } from "./event-reporter.ts";

export type JobManagerDeps = {
  store: ObjectStore;
  agents: PipelineAgents;
  settings: PipelineSettings;
  scratchRoot: string;
  concurrency: number;
  secret: string;
  events?: EventReporterOptions;
};
type RunningJob = { spec: JobSpec; controller: AbortController; done: Promise<void> };

/**
 * Holds the jobs this worker runs: admits up to `concurrency`, runs each through the pipeline
 * while reporting WorkerEvents, cancels on request, and aborts everything on shutdown.
 *
 * @example
 * const jobs = new JobManager({ store, agents, settings, scratchRoot, concurrency: 1, secret });
 * jobs.tryStart(spec); // "accepted" | "busy" | "duplicate"
 */
export class JobManager {
  private readonly running = new Map<string, RunningJob>();

  constructor(private readonly deps: JobManagerDeps) {}

  get inFlight(): number {
    return this.running.size;
  }

  tryStart(spec: JobSpec): "accepted" | "busy" | "duplicate" {
    // Queue delivery is at least once. What holds: while a job runs on this worker, a second
    // POST with its id is not started (it is matched by job id only, whatever the attempt).
    // Once it has finished, or on another media worker, the same spec runs again, resuming
    // from its checkpoints.
    if (this.running.has(spec.jobId)) return "duplicate";
    if (this.running.size >= this.deps.concurrency) return "busy";
    const controller = new AbortController();
    const job: RunningJob = { spec, controller, done: Promise.resolve() };
    this.running.set(spec.jobId, job);
    metrics.jobsInFlight.set(this.running.size);
    job.done = this.run(spec, controller.signal).finally(() => {
      this.running.delete(spec.jobId);
      metrics.jobsInFlight.set(this.running.size);
    });
    return "accepted";
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    job?.controller.abort(new JobFailure("cancelled", "the job was cancelled"));
    return job !== undefined;
  }

  /**
   * Aborts every running job (their ffmpeg processes die, finished stages keep their
   * checkpoints) and waits for them to settle and report, up to `graceMs`.
   */
  async shutdown(graceMs: number): Promise<void> {
    const jobs = [...this.running.values()];
    for (const job of jobs) {
      job.controller.abort(
        new JobFailure("internal", "the media worker is shutting down; the job resumes from its checkpoints"),
      );
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled(jobs.map((j) => j.done)), deadline]);
    clearTimeout(timer);
  }

  private async run(spec: JobSpec, signal: AbortSignal): Promise<void> {
    const events = new EventReporter(spec, this.deps.secret, this.deps.events);
    void events.send({ type: "started" });
    log.info("job started", { jobId: spec.jobId, attempt: spec.attempt });
    try {
      const { manifest, manifestKey } = await runPipeline(spec, {
        ...this.deps,
        signal,
        reporter: {
          progress: (stage, progress) => events.progress(stage, progress),
          stage: (stage, status, checkpointKey, durationMs) =>
            void events.send({ type: "stage", stage, status, checkpointKey, durationMs }),
        },
      });
      void events.send({ type: "completed", manifestKey, manifest });
      metrics.jobsFinished.inc({ outcome: "completed", code: "" });
      log.info("job completed", { jobId: spec.jobId, attempt: spec.attempt });
    } catch (error) {
      const failure = error instanceof JobFailure ? error : new JobFailure("internal", String(error), { cause: error });
      void events.send({
        type: "failed",
        code: failure.code,
        message: failure.message,
        stage: failure.stage,
        retryable: failure.retryable,
      });
      metrics.jobsFinished.inc({ outcome: "failed", code: failure.code });
      log.warn("job failed", {
        jobId: spec.jobId,
        attempt: spec.attempt,
        code: failure.code,
        stage: failure.stage,
        error: failure.message,
      });
    } finally {
      await events.flush();
    }
  }
}

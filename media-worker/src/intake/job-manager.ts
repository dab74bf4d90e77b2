import type { JobSpec } from "../../../agents/contracts/media-protocol.ts";
import { Interruption, JobFailure } from "../job-failure.ts";
import { log } from "../log.ts";
import { metrics } from "../metrics.ts";
import { type AttemptDeps, runAttempt } from "./run-attempt.ts";

export type JobManagerDeps = AttemptDeps & { concurrency: number };
export type StartOutcome = "accepted" | "busy" | "duplicate" | "superseded";
type RunningAttempt = { spec: JobSpec; controller: AbortController; done: Promise<void> };

/**
 * Holds the job attempts this worker runs, one per job: admits up to `concurrency`, cancels on
 * request, and aborts everything on shutdown. Work is keyed on (job, attempt): the Worker
 * dispatches a newer attempt when it gave up on a lease, and that attempt takes over here.
 *
 * @example
 * const jobs = new JobManager({ store, agents, settings, scratchRoot, concurrency: 1, secret });
 * jobs.tryStart(spec); // "accepted" | "busy" | "duplicate" | "superseded"
 */
export class JobManager {
  private readonly running = new Map<string, RunningAttempt>();

  constructor(private readonly deps: JobManagerDeps) {}

  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Same (job, attempt) running → "duplicate" (queue delivery is at least once; it is not run
   * twice). An older attempt running → it is aborted and this one starts in its slot once the
   * old one has settled, so the checkpoints it was writing exist to resume from ("accepted").
   * A newer attempt running → "superseded". Otherwise a free slot → "accepted", none → "busy".
   */
  tryStart(spec: JobSpec): StartOutcome {
    const current = this.running.get(spec.jobId);
    if (current && current.spec.attempt === spec.attempt) return "duplicate";
    if (current && current.spec.attempt > spec.attempt) return "superseded";
    if (!current && this.running.size >= this.deps.concurrency) return "busy";
    if (current) {
      log.info("attempt superseded", { jobId: spec.jobId, attempt: current.spec.attempt, by: spec.attempt });
      current.controller.abort(
        new JobFailure("internal", `attempt ${current.spec.attempt} was superseded by attempt ${spec.attempt}`),
      );
    }
    const controller = new AbortController();
    const settled = current?.done ?? Promise.resolve();
    const attempt: RunningAttempt = { spec, controller, done: Promise.resolve() };
    attempt.done = settled
      .then(() => runAttempt(spec, controller.signal, this.deps))
      .finally(() => {
        if (this.running.get(spec.jobId) === attempt) this.running.delete(spec.jobId);
        metrics.jobsInFlight.set(this.running.size);
      });
    this.running.set(spec.jobId, attempt);
    metrics.jobsInFlight.set(this.running.size);
    return "accepted";
  }

  /** Cancels the job's running attempt; an `attempt` older than the one running leaves it be. */
  cancel(jobId: string, attempt?: number): "cancelling" | "missing" | "superseded" {
    const job = this.running.get(jobId);
    if (!job) return "missing";
    if (attempt !== undefined && attempt < job.spec.attempt) return "superseded";
    job.controller.abort(new JobFailure("cancelled", "the job was cancelled"));
    return "cancelling";
  }

  /**
   * Interrupts every running attempt (their processes die, finished stages and transcribed
   * pieces keep their checkpoints; each reports `interrupted`) and waits for them to settle and
   * report, up to `graceMs`.
   */
  async shutdown(graceMs: number, reason = "shutdown"): Promise<void> {
    const attempts = [...this.running.values()];
    for (const attempt of attempts) attempt.controller.abort(new Interruption(reason));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled(attempts.map((a) => a.done)), deadline]);
    clearTimeout(timer);
  }
}

import { signInternalRequest } from "../../../agents/contracts/internal-auth.ts";
import type { StageName } from "../../../agents/contracts/job.ts";
import type { JobSpec, WorkerEvent } from "../../../agents/contracts/media-protocol.ts";
import { type RetryPolicy, withRetry } from "../../../agents/contracts/retry.ts";
import { ensureOk, isTransientFailure, PermanentRequestError, requestRetryPolicy } from "../http-answer.ts";
import { log } from "../log.ts";

type Envelope = "jobId" | "attempt" | "seq" | "at";
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type EventBody = DistributiveOmit<WorkerEvent, Envelope>;

export type EventReporterOptions = { progressIntervalMs?: number; retry?: RetryPolicy };

/**
 * Delivers a job attempt's WorkerEvents to the Worker: in order, with `seq` rising by one from
 * 0, HMAC-signed, retried with backoff on network errors and 5xx (the Worker deduplicates by
 * job, attempt and seq). Progress is coalesced to one event per interval (250 ms: ~4/s),
 * keeping only the latest fraction of each stage.
 *
 * @example
 * const events = new EventReporter(spec, secret);
 * events.send({ type: "started" }); events.progress("audio", 0.4); await events.flush();
 */
export class EventReporter {
  private seq = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly pending = new Map<StageName, number>();
  private lastProgressAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly intervalMs: number;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly spec: JobSpec,
    private readonly secret: string,
    options: EventReporterOptions = {},
  ) {
    this.intervalMs = options.progressIntervalMs ?? 250;
    this.retry = options.retry ?? { ...requestRetryPolicy, maxAttempts: 8 };
  }

  /** Queues an event; resolves when it (and everything before it) was delivered or given up on. */
  send(body: EventBody): Promise<void> {
    if (body.type !== "progress") this.dropPendingProgress(body);
    const event = {
      ...body,
      jobId: this.spec.jobId,
      attempt: this.spec.attempt,
      seq: this.seq++,
      at: new Date().toISOString(),
    };
    this.queue = this.queue.then(() => this.deliver(event as WorkerEvent));
    return this.queue;
  }

  progress(stage: StageName, fraction: number): void {
    this.pending.set(stage, Math.min(1, Math.max(0, fraction)));
    this.schedule();
  }

  /** Waits for every queued event. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private dropPendingProgress(body: EventBody): void {
    if (body.type === "stage") this.pending.delete(body.stage);
    else this.pending.clear();
  }

  private schedule(): void {
    if (this.timer || this.pending.size === 0) return;
    const wait = Math.max(0, this.lastProgressAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      const next = this.pending.entries().next().value;
      if (!next) return;
      const [stage, progress] = next;
      this.pending.delete(stage);
      this.lastProgressAt = Date.now();
      void this.send({ type: "progress", stage, progress });
      this.schedule();
    }, wait);
    this.timer.unref();
  }

  private async deliver(event: WorkerEvent): Promise<void> {
    const body = JSON.stringify(event);
    try {
      await withRetry(
        async () => {
          const headers = await signInternalRequest(this.secret, body);
          return ensureOk(await fetch(this.spec.reportUrl, { method: "POST", body, headers }), `report ${event.type}`);
        },
        isTransientFailure,
        this.retry,
      );
    } catch (error) {
      const permanent = error instanceof PermanentRequestError;
      log.error("event not delivered", {
        jobId: event.jobId,
        seq: event.seq,
        type: event.type,
        permanent,
        error: String(error),
      });
    }
  }
}

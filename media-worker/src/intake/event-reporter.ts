import { signInternalRequest } from "../../../agents/contracts/internal-auth.ts";
import type { StageName } from "../../../agents/contracts/job.ts";
import type { JobSpec, WorkerEvent } from "../../../agents/contracts/media-protocol.ts";
import { type RetryPolicy, withRetry } from "../../../agents/contracts/retry.ts";
import { ensureOk, isTransientFailure, PermanentRequestError, requestRetryPolicy } from "../http-answer.ts";
import { log } from "../log.ts";
import { metrics } from "../metrics.ts";

type Envelope = "jobId" | "attempt" | "seq" | "at";
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type EventBody = DistributiveOmit<WorkerEvent, Envelope>;

export type EventReporterOptions = { progressIntervalMs?: number; retry?: RetryPolicy };

/** A lost heartbeat is replaced by the next one: two quick tries, so it never holds up the events behind it for long. */
const heartbeatRetry: RetryPolicy = { maxAttempts: 2, baseDelayMs: 200, maxDelayMs: 1_000 };

/**
 * Delivers a job attempt's WorkerEvents to the Worker: in order, with `seq` rising by one from
 * 0, HMAC-signed, retried with backoff on network errors and 5xx (the Worker deduplicates by
 * job, attempt and seq). Progress is coalesced to one event per interval (250 ms: ~4/s),
 * keeping only the latest fraction of each stage. Heartbeats (`startHeartbeats`) hold the
 * attempt's lease on a timer; they take their place in the same ordered queue, because the Worker
 * ignores any report older than one it applied, and at most one waits there at a time.
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
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private heartbeatQueued = false;
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
    if (body.type !== "progress" && body.type !== "heartbeat") this.dropPendingProgress(body);
    const event = {
      ...body,
      jobId: this.spec.jobId,
      attempt: this.spec.attempt,
      seq: this.seq++,
      at: new Date().toISOString(),
    };
    const retry = body.type === "heartbeat" ? heartbeatRetry : this.retry;
    this.queue = this.queue.then(() => this.deliver(event as WorkerEvent, retry));
    return this.queue;
  }

  /**
   * Sends a `heartbeat` every `intervalMs` until `stopHeartbeats`, whatever the stages are doing;
   * none is queued while the previous one still waits (a Worker that is down gets no pile-up).
   */
  startHeartbeats(intervalMs: number): void {
    this.stopHeartbeats();
    this.heartbeatTimer = setInterval(() => {
      if (this.heartbeatQueued) return;
      this.heartbeatQueued = true;
      void this.send({ type: "heartbeat" }).finally(() => {
        this.heartbeatQueued = false;
      });
    }, intervalMs);
    this.heartbeatTimer.unref();
  }

  stopHeartbeats(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
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

  private async deliver(event: WorkerEvent, retry: RetryPolicy): Promise<void> {
    const body = JSON.stringify(event);
    try {
      await withRetry(
        async () => {
          const headers = await signInternalRequest(this.secret, body);
          return ensureOk(await fetch(this.spec.reportUrl, { method: "POST", body, headers }), `report ${event.type}`);
        },
        isTransientFailure,
        retry,
      );
    } catch (error) {
      const permanent = error instanceof PermanentRequestError;
      metrics.reportsLost.inc({ type: event.type });
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

import type { ProgressMessage } from "../../agents/contracts/progress.ts";
import { backoffCeiling, isRetryableStatus } from "../../agents/contracts/retry.ts";
import { ApiError } from "./api-request.ts";
import type { JobsApi } from "./jobs-api.ts";

export type JobOutcome = Extract<ProgressMessage, { type: "completed" | "failed" }>;

/** "reconnecting" once a connection is lost (or cannot be made), "connected" when one opens again. */
export type ConnectionState = "connected" | "reconnecting";

export type WatchOptions = {
  /** The first wait before reconnecting; each next one twice as long, up to `maxReconnectDelayMs` (1 s, 15 s). */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  signal?: AbortSignal;
  onConnection?: (state: ConnectionState) => void;
  /**
   * Where the platform says the network went (a browser's `window`): "offline" drops the socket
   * at once rather than when TCP notices, "online" reconnects without waiting out the backoff.
   */
  networkEvents?: EventTarget;
};

const finalStatuses = new Set(["completed", "failed", "cancelled"]);

type Attempt = { outcome: JobOutcome | { type: "cancelled" } | null; opened: boolean };

/**
 * Follows a job's progress stream until the job ends, calling `onMessage` for every message.
 * Uses a ticket (what browsers must use), and reconnects with a fresh one, backing off, if the
 * connection drops or cannot be made: the snapshot that greets each connection says where the
 * job stands. A refusal that a retry cannot change (the job is not yours) is thrown.
 *
 * @example
 * const outcome = await watchJob(jobs, job.id, (m) => m.type === "progress" && render(m.progress), {
 *   onConnection: (state) => (notice.hidden = state === "connected"),
 * });
 */
export async function watchJob(
  jobs: JobsApi,
  jobId: string,
  onMessage: (message: ProgressMessage) => void,
  options: WatchOptions = {},
): Promise<JobOutcome | { type: "cancelled" }> {
  const { signal, networkEvents } = options;
  const base = jobs.connection.apiBase.replace(/^http/, "ws").replace(/\/+$/, "");
  const connect = async (): Promise<Attempt> => {
    const ticket = await jobs.eventsTicket(jobId);
    return new Promise<Attempt>((resolve) => {
      let opened = false;
      const socket = new WebSocket(`${base}/v1/jobs/${jobId}/events?ticket=${encodeURIComponent(ticket)}`);
      const drop = () => socket.close();
      const finish = (outcome: Attempt["outcome"]) => {
        signal?.removeEventListener("abort", drop);
        networkEvents?.removeEventListener("offline", drop);
        socket.close(1000);
        resolve({ outcome, opened });
      };
      socket.addEventListener("open", () => {
        opened = true;
        options.onConnection?.("connected");
      });
      socket.addEventListener("message", (event) => {
        const message = JSON.parse(String(event.data)) as ProgressMessage;
        onMessage(message);
        if (message.type === "completed" || message.type === "failed") finish(message);
        if (message.type === "snapshot" && finalStatuses.has(message.snapshot.status)) {
          const { status, error } = message.snapshot;
          if (status === "completed")
            finish({ ...message, type: "completed", resultsUrl: `/v1/jobs/${jobId}/results` });
          else if (status === "failed" && error)
            finish({ ...message, type: "failed", code: error.code, message: error.message });
          else finish({ type: "cancelled" });
        }
      });
      socket.addEventListener("close", () => finish(null));
      signal?.addEventListener("abort", drop, { once: true });
      networkEvents?.addEventListener("offline", drop);
    });
  };

  for (let failures = 0; ; ) {
    signal?.throwIfAborted();
    let attempt: Attempt;
    try {
      attempt = await connect();
    } catch (error) {
      if (error instanceof ApiError && !isRetryableStatus(error.status)) throw error;
      attempt = { outcome: null, opened: false }; // no answer (offline) or a passing failure
    }
    if (attempt.outcome) return attempt.outcome;
    signal?.throwIfAborted();
    failures = attempt.opened ? 1 : failures + 1;
    options.onConnection?.("reconnecting");
    const ceiling = backoffCeiling(failures, options.reconnectDelayMs ?? 1_000, options.maxReconnectDelayMs ?? 15_000);
    // Half the ceiling and a random half more, so browsers dropped together do not return together.
    await pause(ceiling / 2 + (Math.random() * ceiling) / 2, signal, networkEvents);
  }
}

/** Waits `ms`, less if the signal aborts or the network comes back. */
function pause(ms: number, signal?: AbortSignal, networkEvents?: EventTarget): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      networkEvents?.removeEventListener("online", done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    networkEvents?.addEventListener("online", done);
    signal?.addEventListener("abort", done);
  });
}

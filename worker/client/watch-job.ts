import type { ProgressMessage } from "../../agents/contracts/progress.ts";
import type { JobsApi } from "./jobs-api.ts";

export type JobOutcome = Extract<ProgressMessage, { type: "completed" | "failed" }>;

const finalStatuses = new Set(["completed", "failed", "cancelled"]);

/**
 * Follows a job's progress stream until the job ends, calling `onMessage` for every message.
 * Uses a ticket (what browsers must use), and reconnects with a fresh one if the connection
 * drops: the snapshot that greets each connection says where the job stands.
 *
 * @example
 * const outcome = await watchJob(jobs, job.id, (m) => m.type === "progress" && render(m.progress));
 */
export async function watchJob(
  jobs: JobsApi,
  jobId: string,
  onMessage: (message: ProgressMessage) => void,
  options: { reconnectDelayMs?: number; signal?: AbortSignal } = {},
): Promise<JobOutcome | { type: "cancelled" }> {
  const base = jobs.connection.apiBase.replace(/^http/, "ws").replace(/\/+$/, "");
  for (;;) {
    options.signal?.throwIfAborted();
    const ticket = await jobs.eventsTicket(jobId);
    const outcome = await new Promise<JobOutcome | { type: "cancelled" } | null>((resolve) => {
      const socket = new WebSocket(`${base}/v1/jobs/${jobId}/events?ticket=${encodeURIComponent(ticket)}`);
      const finish = (value: JobOutcome | { type: "cancelled" } | null) => {
        socket.close(1000);
        resolve(value);
      };
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
      socket.addEventListener("close", () => resolve(null));
      options.signal?.addEventListener("abort", () => finish(null), { once: true });
    });
    if (outcome) return outcome;
    await new Promise((resolve) => setTimeout(resolve, options.reconnectDelayMs ?? 1_000));
  }
}

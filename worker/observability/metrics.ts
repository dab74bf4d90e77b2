import type { StageName } from "../../agents/contracts/job.ts";
import type { Env } from "../env.ts";
import type { JobRow } from "../jobs/snapshot.ts";

/**
 * The API's and the jobs' metrics in Workers Analytics Engine: one dataset per environment (the
 * `METRICS` binding in wrangler.toml), one row per data point, its kind in `blob1`. Blobs and
 * doubles are positional, so this table is the schema every query (docs/metrics.md) relies on:
 * a column keeps its meaning forever; a new one takes the next free position.
 *
 * | kind (`blob1`) | `index1`   | `blob2`               | `blob3`               | `blob4`       | `double1`          | `double2`          | `double3`        | `double4` |
 * | -------------- | ---------- | --------------------- | --------------------- | ------------- | ------------------ | ------------------ | ---------------- | --------- |
 * | `request`      | route      | route pattern         | method                | status class  | status             | latency (ms)       |                  |           |
 * | `stage`        | stage      | stage name            | `completed`/`skipped` |               | stage seconds      | attempt            |                  |           |
 * | `job`          | outcome    | `completed`/`failed`  | error code (or "")    |               | processing seconds | lecture seconds    | real-time factor | attempts  |
 *
 * The route pattern is the one the request matched (`/v1/jobs/:id`), never the raw path: raw
 * paths carry ids, which would make every job its own series. The index is the sampling key.
 */
export type MetricPoint = Required<AnalyticsEngineDataPoint>;

/** A request that matched no route (a 404 from `notFound`): one series for every unknown path. */
export const UNMATCHED_ROUTE = "(unmatched)";

/**
 * One answered API request.
 *
 * @example
 * requestPoint({ route: "/v1/jobs/:id", method: "GET", status: 200, latencyMs: 12 })
 * // { indexes: ["/v1/jobs/:id"], blobs: ["request", "/v1/jobs/:id", "GET", "2xx"], doubles: [200, 12] }
 */
export function requestPoint(request: {
  route: string;
  method: string;
  status: number;
  latencyMs: number;
}): MetricPoint {
  const statusClass = `${Math.floor(request.status / 100)}xx`;
  return {
    indexes: [request.route],
    blobs: ["request", request.route, request.method, statusClass],
    doubles: [request.status, request.latencyMs],
  };
}

/**
 * One pipeline stage an attempt finished (or skipped, resuming from its checkpoint).
 *
 * @example
 * stagePoint({ stage: "transcription", status: "completed", durationMs: 148_833, attempt: 1 })
 * // { indexes: ["transcription"], blobs: ["stage", "transcription", "completed"], doubles: [148.833, 1] }
 */
export function stagePoint(stage: {
  stage: StageName;
  status: "completed" | "skipped";
  durationMs: number;
  attempt: number;
}): MetricPoint {
  return {
    indexes: [stage.stage],
    blobs: ["stage", stage.stage, stage.status],
    doubles: [stage.durationMs / 1000, stage.attempt],
  };
}

/**
 * A job that finished, from its row. The real-time factor is processing seconds per second of
 * lecture (0.25: an hour-long lecture took 15 minutes), 0 when either is unknown (a job that
 * failed before its probe knew the length); so are the seconds.
 *
 * @example
 * jobFinishedPoint(completedJob) // { indexes: ["completed"], blobs: ["job", "completed", ""], doubles: [900, 3600, 0.25, 1] }
 * jobFinishedPoint(failedJob)    // { indexes: ["failed"], blobs: ["job", "failed", "lease_expired"], doubles: [...] }
 */
export function jobFinishedPoint(
  job: Pick<JobRow, "status" | "errorCode" | "startedAt" | "finishedAt" | "durationSeconds" | "attempt">,
): MetricPoint {
  const processingSeconds =
    job.startedAt && job.finishedAt ? (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000 : 0;
  const lectureSeconds = job.durationSeconds ?? 0;
  const realTimeFactor = processingSeconds > 0 && lectureSeconds > 0 ? processingSeconds / lectureSeconds : 0;
  const outcome = job.status === "completed" ? "completed" : "failed";
  return {
    indexes: [outcome],
    blobs: ["job", outcome, outcome === "failed" ? (job.errorCode ?? "") : ""],
    doubles: [processingSeconds, lectureSeconds, realTimeFactor, job.attempt],
  };
}

/**
 * Writes a point to the environment's dataset; nothing when the binding is absent (a Worker
 * built without it). A metric never fails a request or a job: `writeDataPoint` does not wait
 * for delivery, and a point it refuses (a blob over its size limit) is logged and dropped. So
 * a point can be lost, and an outbox effect performed twice counts its job twice.
 *
 * @example
 * writeMetric(c.env, requestPoint({ route, method, status, latencyMs }));
 */
export function writeMetric(env: Pick<Env, "METRICS">, point: MetricPoint): void {
  try {
    env.METRICS?.writeDataPoint(point);
  } catch (error) {
    console.warn(
      JSON.stringify({ level: "warn", msg: "metric dropped", kind: point.blobs[0], error: (error as Error).message }),
    );
  }
}

import type { JobSpec } from "../../agents/contracts/media-protocol.ts";
import {
  type MediaWorkerTarget,
  mediaWorkerUrl,
  postToMediaWorker,
} from "../../agents/contracts/media-worker-request.ts";
import type { Env } from "../env.ts";

export type SubmitResult =
  | { outcome: "accepted" }
  | { outcome: "busy"; retryAfterSeconds: number }
  /** The media worker runs a newer attempt of this job: the message that asked was stale. */
  | { outcome: "superseded" }
  | { outcome: "failed"; detail: string };

/**
 * How the Worker hands jobs to the media fleet: `httpMediaWorker` for a media worker behind
 * `MEDIA_WORKER_URL` (locally, in tests, a self-hosted fleet behind a load balancer), and
 * `containerMediaWorker` (container-client.ts) for Cloudflare Containers, one instance per job.
 * `mediaFleet` (media-fleet.ts) picks one from `MEDIA_FLEET`.
 */
export type MediaWorkerClient = {
  submit(spec: JobSpec): Promise<SubmitResult>;
  cancel(jobId: string, attempt: number): Promise<void>;
  /** Called on every heartbeat of a running attempt: keeps whatever runs it awake. */
  keepAwake(jobId: string): Promise<void>;
  /** Readiness: throws when the fleet cannot take jobs. */
  probe(): Promise<void>;
};

/**
 * Reads the media worker's answer to `POST /jobs`: 202 accepted (a "duplicate" 202 means this
 * very attempt already runs there, which is just as good); 409 superseded; 503 busy; anything
 * else failed.
 */
export async function interpretSubmitResponse(response: Response): Promise<SubmitResult> {
  if (response.status === 202 || response.status === 200) return { outcome: "accepted" };
  if (response.status === 409) return { outcome: "superseded" };
  if (response.status === 503 || response.status === 429) {
    const retryAfter = Number(response.headers.get("retry-after"));
    return { outcome: "busy", retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 10 };
  }
  const text = await response.text().catch(() => "");
  return { outcome: "failed", detail: `media worker answered ${response.status} ${text.slice(0, 200)}` };
}

/**
 * The media worker protocol over signed POSTs to the target a job runs on: one media worker
 * behind a URL, or the job's own container.
 *
 * @example
 * const client = signedMediaWorker((jobId) => ({ url: "http://container/", secret, fetch: stubOf(jobId) }));
 */
export function signedMediaWorker(
  targetOf: (jobId: string) => MediaWorkerTarget,
  fleet: Pick<MediaWorkerClient, "keepAwake" | "probe">,
): MediaWorkerClient {
  const post = (jobId: string, path: string, payload: { jobId: string; attempt: number }) =>
    postToMediaWorker(targetOf(jobId), path, payload);
  return {
    ...fleet,
    async submit(spec) {
      try {
        return await interpretSubmitResponse(await post(spec.jobId, "jobs", spec));
      } catch (error) {
        return { outcome: "failed", detail: `media worker unreachable: ${(error as Error).message}` };
      }
    },
    async cancel(jobId, attempt) {
      const response = await post(jobId, `jobs/${jobId}/cancel`, { jobId, attempt });
      // 404: the attempt is not (or no longer) there; 409: a newer attempt replaced it. Both: done.
      if (!response.ok && response.status !== 404 && response.status !== 409)
        throw new Error(`cancel answered ${response.status}`);
    },
  };
}

/**
 * The media worker at `MEDIA_WORKER_URL` (which may carry a path prefix, as behind a gateway),
 * every call signed with `MEDIA_WORKER_SECRET`. It stays up between jobs: nothing to keep awake.
 */
export function httpMediaWorker(env: Pick<Env, "MEDIA_WORKER_URL" | "MEDIA_WORKER_SECRET">): MediaWorkerClient {
  const target = { url: env.MEDIA_WORKER_URL, secret: env.MEDIA_WORKER_SECRET };
  return signedMediaWorker(() => target, {
    keepAwake: async () => {},
    async probe() {
      const response = await fetch(mediaWorkerUrl(env.MEDIA_WORKER_URL, "/health"));
      if (!response.ok) throw new Error(`media worker answered ${response.status}`);
    },
  });
}

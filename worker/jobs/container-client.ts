import { getContainer } from "@cloudflare/containers";
import type { Env } from "../env.ts";
import { type MediaWorkerClient, signedMediaWorker } from "./media-worker-client.ts";

/** What the client needs of a job's container: the stub `getContainer` gives, or a test's stand-in. */
export type JobContainer = {
  fetch(request: Request): Promise<Response>;
  keepAwake(): Promise<void>;
};

/**
 * The media fleet as Cloudflare Containers: each job runs in its own instance, named by the job
 * id, so the dispatch, the cancel and every heartbeat of a job reach the same container. A full
 * fleet (`max_instances` running) answers 503 like a busy media worker, so the job waits.
 *
 * @example
 * const fleet = containerMediaWorker(env);
 * await fleet.submit(spec); // starts (or wakes) the job's container, then POSTs /jobs to it
 */
export function containerMediaWorker(
  env: Pick<Env, "MEDIA_WORKER" | "MEDIA_WORKER_SECRET">,
  containerOf: (jobId: string) => JobContainer = (jobId) => getContainer(env.MEDIA_WORKER, jobId),
): MediaWorkerClient {
  return signedMediaWorker(
    (jobId) => {
      const container = containerOf(jobId);
      // The host is never resolved: the stub forwards the request to the container's port.
      return {
        url: "http://media-worker/",
        secret: env.MEDIA_WORKER_SECRET,
        fetch: (request) => container.fetch(request),
      };
    },
    {
      keepAwake: (jobId) => containerOf(jobId).keepAwake(),
      // Instances start on demand: there is no standing fleet to ask, and asking would start one.
      probe: async () => {},
    },
  );
}

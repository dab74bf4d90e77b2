import type { Env } from "../env.ts";
import { containerMediaWorker } from "./container-client.ts";
import { httpMediaWorker, type MediaWorkerClient } from "./media-worker-client.ts";

/**
 * The one place that decides where jobs run: `MEDIA_FLEET = "containers"` → one Cloudflare
 * container per job (production); `"http"` → the media worker behind `MEDIA_WORKER_URL` (the
 * local stack, tests, a self-hosted fleet behind a load balancer).
 *
 * @example
 * await mediaFleet(env).submit(spec);
 */
export function mediaFleet(env: Env): MediaWorkerClient {
  switch (env.MEDIA_FLEET) {
    case "containers":
      return containerMediaWorker(env);
    case "http":
      return httpMediaWorker(env);
    default:
      throw new Error(`MEDIA_FLEET must be "containers" or "http", not ${JSON.stringify(env.MEDIA_FLEET)}`);
  }
}

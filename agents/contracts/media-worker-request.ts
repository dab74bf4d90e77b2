import { signInternalRequest } from "./internal-auth.ts";

/**
 * A media worker behind a URL (which may carry a path prefix, as behind a gateway) and the secret
 * shared with it. `fetch` defaults to the global one; a Cloudflare container is reached through
 * its Durable Object stub's `fetch` instead.
 */
export type MediaWorkerTarget = { url: string; secret: string; fetch?: (request: Request) => Promise<Response> };

/**
 * Where `path` lives on the media worker at `baseUrl`, keeping the base's path prefix.
 *
 * @example
 * mediaWorkerUrl("https://gw.example.com/media", "/health"); // https://gw.example.com/media/health
 */
export function mediaWorkerUrl(baseUrl: string, path: string): URL {
  return new URL(path.replace(/^\//, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
}

/**
 * One signed POST of a JSON payload naming its (job, attempt) to a media worker (`/jobs`,
 * `/jobs/:id/cancel`): the only place that builds that request, for the Worker's dispatch and cancel and for the tests that drive a media
 * worker directly. Gives up after 10 s unless another signal is given.
 *
 * @example
 * const response = await postToMediaWorker({ url: env.MEDIA_WORKER_URL, secret: env.MEDIA_WORKER_SECRET },
 *   "/jobs", spec); // 202 accepted, 503 busy
 */
export async function postToMediaWorker(
  target: MediaWorkerTarget,
  path: string,
  payload: { jobId: string; attempt: number },
  signal: AbortSignal = AbortSignal.timeout(10_000),
): Promise<Response> {
  const body = JSON.stringify(payload);
  const { jobId, attempt } = payload;
  // Signed over the path the media worker routes on: a gateway strips its prefix before it.
  const route = `/${path.replace(/^\//, "")}`;
  const headers = await signInternalRequest(target.secret, { method: "POST", target: route, body, jobId, attempt });
  const request = new Request(mediaWorkerUrl(target.url, path), { method: "POST", body, headers, signal });
  return (target.fetch ?? fetch)(request);
}

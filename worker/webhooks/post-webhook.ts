/** A destination has this long to answer; anything slower counts as a failure and is retried. */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** Response bodies are drained up to this much and then dropped, never stored or logged. */
const RESPONSE_READ_LIMIT_BYTES = 4096;

export type AttemptResult = { statusCode: number | null; latencyMs: number; error: string | null };

async function drainSome(response: Response): Promise<void> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let read = 0;
  try {
    while (read < RESPONSE_READ_LIMIT_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * POSTs one signed webhook. Redirects are not followed (`redirect: "manual"`): a 3xx is a
 * failure, or a registered public URL could bounce the request to a private one. Success is a
 * 2xx within `DELIVERY_TIMEOUT_MS`; the error text never includes the response body.
 *
 * @example
 * const result = await postWebhook(url, body, headers); // { statusCode: 200, latencyMs: 84, error: null }
 */
export async function postWebhook(url: string, body: string, headers: Record<string, string>): Promise<AttemptResult> {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "user-agent": "LectureHighlights-Webhooks/1", ...headers },
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await drainSome(response);
    const latencyMs = Date.now() - started;
    const ok = response.status >= 200 && response.status < 300;
    const error = ok
      ? null
      : response.status >= 300 && response.status < 400
        ? `redirect ${response.status} not followed`
        : `HTTP ${response.status}`;
    return { statusCode: response.status, latencyMs, error };
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    const message = timedOut ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` : (error as Error).message;
    return { statusCode: null, latencyMs: Date.now() - started, error: message.slice(0, 300) };
  }
}

/** Thrown for an answer that retrying cannot change (4xx other than 408/429). */
export class PermanentRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "PermanentRequestError";
  }
}

export type RetryPolicy = { attempts: number; baseDelayMs: number; maxDelayMs: number };
export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Runs `operation` until it succeeds, fails permanently, or runs out of attempts, waiting with
 * exponential backoff and full jitter between attempts (so retrying workers do not stampede).
 *
 * @example
 * const response = await withRetries(() => fetchOrThrow(url), defaultRetryPolicy, signal);
 */
export async function withRetries<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof PermanentRequestError || signal?.aborted || attempt >= policy.attempts) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.random() * ceiling, signal);
    }
  }
}

/** Turns an HTTP answer into success, a retryable failure, or a permanent one. */
export async function ensureOk(response: Response, what: string): Promise<Response> {
  if (response.ok) return response;
  const detail = (await response.text().catch(() => "")).slice(0, 300);
  const message = `${what} failed with HTTP ${response.status}: ${detail}`;
  if (response.status >= 500 || response.status === 408 || response.status === 429) throw new Error(message);
  throw new PermanentRequestError(message, response.status);
}

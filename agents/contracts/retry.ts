// The one retry helper of the project. It lives in contracts/ because that is the folder every
// runtime already imports (workerd, Node, and the browser bundle of worker/client): it needs
// nothing but timers, so the upload client can use it without pulling in server modules.

/** How often and how patiently a call is retried. */
export type RetryPolicy = {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** The ceiling of the first wait; each next ceiling is twice the last, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/** What a call brings to its retries besides the policy. */
export type RetryDeps = {
  /** Aborting stops the retries: a pending wait rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The wait a server asked for; honoured when longer than the backoff. Defaults to `retryAfterMs`. */
  retryAfter?: (error: unknown) => number | undefined;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Called before each wait, for logs and stats. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
};

/**
 * Runs `call` until it succeeds, the error is not retryable, the signal aborts, or the attempts
 * run out (then the last error is thrown). Waits grow exponentially with full jitter, so
 * clients that failed together do not retry together.
 *
 * @example
 * const text = await withRetry(() => fetchOrThrow(url), (error) => !(error instanceof PermanentError),
 *   defaultRetryPolicy, { signal });
 */
export async function withRetry<T>(
  call: (attempt: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  policy: RetryPolicy = defaultRetryPolicy,
  deps: RetryDeps = {},
): Promise<T> {
  const { signal, sleep = abortableSleep, random = Math.random, retryAfter = retryAfterMs } = deps;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await call(attempt);
    } catch (error) {
      if (signal?.aborted || attempt >= policy.maxAttempts || !isRetryable(error)) throw error;
      const delayMs = Math.max(
        random() * backoffCeiling(attempt, policy.baseDelayMs, policy.maxDelayMs),
        retryAfter(error) ?? 0,
      );
      deps.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}

/**
 * The longest wait after failed attempt `attempt` (from 1): `base`, doubling, capped at `max`,
 * in whatever unit both are given (the queues schedule in seconds).
 *
 * @example
 * backoffCeiling(3, 5, 300); // 20
 */
export function backoffCeiling(attempt: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

/**
 * 408, 429 and 5xx may pass on a second try; any other status will not.
 *
 * @example
 * isRetryableStatus(503); // true
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

type WithHeaders = { headers?: { get?: (name: string) => string | null } };

/**
 * The `retry-after` seconds an error carries on its `headers` (as OpenAI's errors do), in ms,
 * at most a minute; undefined when there is none.
 *
 * @example
 * retryAfterMs({ headers: new Headers({ "retry-after": "2" }) }); // 2000
 */
export function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as WithHeaders | null)?.headers;
  const value = typeof headers?.get === "function" ? headers.get("retry-after") : null;
  const seconds = value === null ? Number.NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 60_000) : undefined;
}

/** Waits `ms`, or rejects at once with the signal's reason when it aborts. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

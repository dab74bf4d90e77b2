/**
 * A signal that aborts when any parent aborts, with the parent's reason, like
 * `AbortSignal.any` but with `dispose`: a stage's signal detaches from the job's signal when
 * the stage ends, so a long job does not pile up listeners on it.
 *
 * @example
 * const { signal, dispose } = linkedSignal(jobSignal, deadline.signal);
 * try { await work(signal); } finally { dispose(); }
 */
export function linkedSignal(...parents: AbortSignal[]): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  const already = parents.find((p) => p.aborted);
  if (already) controller.abort(already.reason);
  else for (const parent of parents) parent.addEventListener("abort", onAbort, { once: true });
  const dispose = () => {
    for (const parent of parents) parent.removeEventListener("abort", onAbort);
  };
  return { signal: controller.signal, dispose };
}

/**
 * Settles with `work`, or rejects with the signal's reason the moment it aborts: whoever waits
 * moves on at once even when the work does not watch the signal (what it started is stopped
 * by the signal on its own).
 *
 * @example
 * const output = await untilAborted(body({ signal }), signal);
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  // The work may still fail after we stopped waiting; that failure is already accounted for.
  work.catch(() => {});
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener("abort", onAbort));
}

import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `work` with `signal` as the ambient abort signal of every subprocess it starts
 * (`runCommand` falls back to it). The pipeline adapter wraps each agent call in one, so a
 * backend that does not forward the call's signal still has its recognizer killed on cancel,
 * stage timeout or shutdown.
 *
 * @example
 * const transcript = await withAbortScope(input.signal, () => transcriber.transcribe(request));
 */
export function withAbortScope<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return scope.run(signal, work);
}

/** The signal of the innermost `withAbortScope` around the caller, if any. */
export function ambientAbortSignal(): AbortSignal | undefined {
  return scope.getStore();
}

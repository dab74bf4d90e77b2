import { type ManagedChild, waitFor } from "./child-process.ts";

/** One part of the local stack, as `LocalStack` starts, stops and checks it. */
export type StackPart = {
  start(): Promise<void> | void;
  stop(): Promise<void>;
  readonly running: boolean;
  /** Stops what this part left running when an earlier launcher was killed. */
  stopLeftover?(): Promise<void>;
  /** Where to look when it fails. */
  readonly logFile?: string;
};

/**
 * A started child that counts as up once `url` answers 2xx.
 *
 * @example
 * const worker = httpChild(child, "media worker", "http://127.0.0.1:9402/health", 30_000);
 * await worker.start(); // resolves once /health answers 200
 */
export function httpChild(child: ManagedChild, name: string, url: string, timeoutMs: number): StackPart {
  return {
    start: async () => {
      await child.start();
      await waitFor(
        name,
        async () => {
          if (!child.running) throw new Error(`${name} exited:\n${child.logTail()}`);
          return (await fetch(url)).ok;
        },
        timeoutMs,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${child.logTail()}`);
      });
    },
    stop: () => child.stop(),
    stopLeftover: () => child.stopLeftover(),
    logFile: child.logFile,
    get running() {
      return child.running;
    },
  };
}

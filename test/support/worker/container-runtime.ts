import { runInDurableObject } from "cloudflare:test";
import type { Env } from "../../../worker/env.ts";
import { MediaWorkerContainer } from "../../../worker/jobs/media-worker-container.ts";

/**
 * A stand-in for the container runtime (`ctx.container`), the one part no workerd here provides:
 * it runs no image; its TCP port forwards to the real media worker the tests start, so the
 * `@cloudflare/containers` class, its start-up and port checks, and the media worker protocol
 * behind it are all the real ones. `available: false` plays a fleet at `max_instances`.
 */
export class ContainerRuntimeStandIn {
  running = false;
  readonly starts: { env?: Record<string, string> }[] = [];
  readonly paths: string[] = [];
  private exited: Promise<void> = Promise.resolve();
  private exit: (code: number) => void = () => {};

  constructor(
    private readonly mediaWorkerUrl: string,
    public available = true,
  ) {}

  start(options: { env?: Record<string, string> } = {}): void {
    this.starts.push(options);
    if (!this.available) {
      this.exited = Promise.reject(
        new Error("there is no container instance that can be provided to this durable object"),
      );
      this.exited.catch(() => {});
      return;
    }
    this.running = true;
    this.exited = new Promise<void>((resolve, reject) => {
      this.exit = (code) => {
        this.running = false;
        if (code === 0) resolve();
        else reject(new Error(`container exited with unexpected exit code: ${code}`));
      };
    });
    this.exited.catch(() => {});
  }

  monitor(): Promise<void> {
    return this.exited;
  }

  /** The instance ends, as when its host restarts it. */
  stop(exitCode: number): void {
    this.exit(exitCode);
  }

  signal(signo: number): void {
    this.stop(128 + signo);
  }

  async destroy(): Promise<void> {
    this.stop(137);
  }

  getTcpPort(_port: number): Pick<Fetcher, "fetch"> {
    return {
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        if (!this.running) throw new Error("the container is not listening");
        const request = new Request(input, init);
        const url = new URL(request.url);
        this.paths.push(url.pathname);
        return fetch(new URL(url.pathname + url.search, this.mediaWorkerUrl), request);
      },
    } as Pick<Fetcher, "fetch">;
  }
}

/**
 * Runs `scenario` with a real `MediaWorkerContainer` over a runtime stand-in, on the storage of
 * a Durable Object of its own (a JobRoom's: the class needs SQLite storage, and a JobRoom's
 * alarm, which the container class sets, finds nothing to do).
 *
 * @example
 * await withMediaWorkerContainer(env, async (container, runtime) => { await container.fetch(request); });
 */
export async function withMediaWorkerContainer<T>(
  env: Env,
  scenario: (container: MediaWorkerContainer, runtime: ContainerRuntimeStandIn) => Promise<T>,
  runtime = new ContainerRuntimeStandIn(env.MEDIA_WORKER_URL),
): Promise<T> {
  const host = env.JOB_ROOM.get(env.JOB_ROOM.idFromName(`container-${crypto.randomUUID()}`));
  return runInDurableObject(host, async (_room, state) => {
    // The state's own `container` property is where workerd puts the runtime of a container class.
    Object.defineProperty(state, "container", { value: runtime, configurable: true });
    try {
      return await scenario(
        new MediaWorkerContainer(state as ConstructorParameters<typeof MediaWorkerContainer>[0], env),
        runtime,
      );
    } finally {
      await state.storage.deleteAlarm();
    }
  });
}

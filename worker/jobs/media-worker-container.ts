import { Container, type StopParams } from "@cloudflare/containers";

type ContainerContext = ConstructorParameters<typeof Container>[0];

/** The port the media worker image listens on (`PORT` in media-worker/Dockerfile). */
export const mediaWorkerPort = 8080;

/**
 * The Worker's bindings, through the global `Cloudflare.Env` (worker/cloudflare-env.d.ts) rather
 * than an import of `Env`: env.ts names this class for its binding, and an import back would be
 * a cycle.
 */
type WorkerBindings = Cloudflare.Env;

/**
 * What the container's media worker reads from its environment (media-worker/src/config.ts),
 * taken from the Worker's own variables and secrets so that both sides share one bucket and one
 * secret. One job per instance: `CONCURRENCY` is 1 and the instance's cores all go to it.
 *
 * @example
 * containerEnvVars(env) // { MEDIA_WORKER_SECRET: "…", S3_BUCKET: "lecture-highlights", CONCURRENCY: "1", … }
 */
export function containerEnvVars(env: WorkerBindings): Record<string, string> {
  const vars: Record<string, string | undefined> = {
    HOST: "0.0.0.0",
    PORT: String(mediaWorkerPort),
    CONCURRENCY: "1",
    // Hosts send SIGTERM up to 15 min before SIGKILL; a minute is enough to report and exit.
    SHUTDOWN_GRACE_SECONDS: "60",
    MEDIA_WORKER_SECRET: env.MEDIA_WORKER_SECRET,
    S3_ENDPOINT: env.S3_ENDPOINT,
    S3_BUCKET: env.S3_BUCKET,
    S3_REGION: env.S3_REGION,
    S3_ACCESS_KEY_ID: env.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: env.S3_SECRET_ACCESS_KEY,
    OPENAI_API_KEY: env.OPENAI_API_KEY,
    OPENAI_BASE_URL: env.OPENAI_BASE_URL,
  };
  return Object.fromEntries(Object.entries(vars).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

/**
 * One Cloudflare container per running job, named by the job id (`getContainer(env.MEDIA_WORKER,
 * jobId)`), so dispatch, cancel and heartbeats of a job all reach the same instance. It runs the
 * media worker image and speaks the same protocol as a self-hosted media worker.
 *
 * A container that stops or fails does not fail the job here: a media worker that got SIGTERM
 * reports `interrupted` itself, and one that vanished stops sending heartbeats, so its lease runs
 * out and the lease sweep dispatches the next attempt, which resumes from the checkpoints.
 */
export class MediaWorkerContainer extends Container<WorkerBindings> {
  override defaultPort = mediaWorkerPort;
  /**
   * Idle time before the instance sleeps. Heartbeats (every quarter of the job lease, 30 s by
   * default) renew it while a job runs, so it only runs out once the job is over or its media
   * worker stopped reporting.
   */
  override sleepAfter = "5m";

  constructor(ctx: ContainerContext, env: WorkerBindings) {
    super(ctx, env);
    this.envVars = containerEnvVars(env);
  }

  /** Called by the Worker on each heartbeat of the job this instance runs. */
  async keepAwake(): Promise<void> {
    this.renewActivityTimeout();
  }

  override onStop({ exitCode, reason }: StopParams): void {
    console.log(
      JSON.stringify({
        level: "info",
        msg: "media worker container stopped",
        id: this.ctx.id.toString(),
        exitCode,
        reason,
      }),
    );
  }

  override onError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      JSON.stringify({
        level: "error",
        msg: "media worker container failed",
        id: this.ctx.id.toString(),
        error: message,
      }),
    );
  }
}

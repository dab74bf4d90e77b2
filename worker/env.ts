import type { JobQueueMessage, WebhookQueueMessage } from "../agents/contracts/queue.ts";
import type { Database } from "../db/client.ts";
import type { Auth } from "./auth/caller.ts";
import type { MediaWorkerContainer } from "./jobs/media-worker-container.ts";
import type { LoginThrottle } from "./limits/login-throttle.ts";
import type { RateLimiter } from "./limits/rate-limiter.ts";
import type { JobRoom } from "./rooms/job-room.ts";

/** Bindings, variables and secrets of the Worker, as declared in wrangler.toml. */
export type Env = {
  ASSETS: Fetcher;
  JOBS_QUEUE: Queue<JobQueueMessage>;
  JOBS_DLQ: Queue<JobQueueMessage>;
  WEBHOOKS_QUEUE: Queue<WebhookQueueMessage>;
  JOB_ROOM: DurableObjectNamespace<JobRoom>;
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  /** One per account (by email): the sign-in attempts of worker/limits/login-attempts.ts. */
  LOGIN_THROTTLE: DurableObjectNamespace<LoginThrottle>;
  /** One Cloudflare container per running job (used when `MEDIA_FLEET` is `containers`). */
  MEDIA_WORKER: DurableObjectNamespace<MediaWorkerContainer>;
  /** The bucket as an R2 binding (staging, production): the Worker's own reads and deletes. Unset locally. */
  BUCKET?: R2Bucket;
  /** The Analytics Engine dataset of API and job metrics (worker/observability/metrics.ts); metrics are skipped without it. */
  METRICS?: AnalyticsEngineDataset;

  DATABASE_URL: string;
  /** Local development only: the WebSocket-to-TCP bridge in front of a plain PostgreSQL. */
  NEON_WS_PROXY?: string;
  S3_ENDPOINT: string;
  S3_BUCKET: string;
  S3_REGION: string;
  S3_ACCESS_KEY_ID: string;
  S3_SECRET_ACCESS_KEY: string;
  /** Where jobs run: `containers` (Cloudflare Containers, one per job) or `http` (`MEDIA_WORKER_URL`). */
  MEDIA_FLEET: string;
  /** The media worker (or the load balancer in front of a self-hosted fleet) when `MEDIA_FLEET` is `http`. */
  MEDIA_WORKER_URL: string;
  MEDIA_WORKER_SECRET: string;
  JWT_SECRET: string;
  /** Handed to the containers: OpenAI transcription and analysis when set, offline backends otherwise. */
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  ENCRYPTION_KEY: string;
  PUBLIC_BASE_URL: string;
  /**
   * Where job emails are submitted (worker/email/smtp.ts): `smtp://host:port`,
   * `smtp+starttls://user:password@host:587` or `smtps://user:password@host:465`. Unset, no emails.
   */
  SMTP_URL?: string;
  /** The sender of job emails; `notifications@<PUBLIC_BASE_URL's host>` when unset. */
  EMAIL_FROM?: string;
  /** The origin the media worker reports to; `/internal/*` answers only on this host. */
  INTERNAL_BASE_URL: string;
  /** `GET /health/ready` shows which part is down, and why, only to `Authorization: Bearer <OPERATOR_TOKEN>`. */
  OPERATOR_TOKEN?: string;
  ALLOW_INSECURE_WEBHOOKS: string;
  MAX_UPLOAD_BYTES: string;
  /** Files above this size upload in parts (at most 5 GiB: the largest single PUT). */
  UPLOAD_MULTIPART_THRESHOLD_BYTES: string;
  /** The size of every part but the last (at least R2's 5 MiB); grown when 10,000 parts would not hold a file. */
  UPLOAD_PART_SIZE_BYTES: string;
  JOB_MAX_ATTEMPTS: string;
  JOB_LEASE_SECONDS: string;
  /** How long a job may wait for a free media worker before it fails with `capacity_timeout`. */
  JOB_QUEUE_TIMEOUT_SECONDS: string;
  /** Strict-Transport-Security's max-age in seconds (production); "0" sends no HSTS. */
  HSTS_MAX_AGE_SECONDS: string;
  /** Days the cron keeps rows of no further use (worker/scheduled/prune-expired.ts). */
  RETENTION_JOB_EVENTS_DAYS: string;
  RETENTION_IDEMPOTENCY_KEYS_DAYS: string;
  RETENTION_REFRESH_TOKENS_DAYS: string;
  RETENTION_WEBHOOK_DELIVERIES_DAYS: string;
  /** Days the bucket's lifecycle rule keeps a job's outputs after they are written (`deploy:lifecycle` applies it). */
  OUTPUT_RETENTION_DAYS: string;
};

export type AppVariables = {
  requestId: string;
  /** The request's database handle, opened on first use and closed when the response is sent. */
  db: () => Database;
  /** Set by `authenticate()`: the caller's user id, credential kind and scopes. */
  auth: Auth;
};

export type AppEnv = { Bindings: Env; Variables: AppVariables };

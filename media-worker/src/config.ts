import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

const MediaWorkerConfig = z.object({
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** Shared with the Worker: authenticates `POST /jobs` and signs event reports. */
  MEDIA_WORKER_SECRET: z.string().min(16),
  /** `GET /metrics` answers only `Authorization: Bearer <METRICS_TOKEN>`; unset, it answers no one. */
  METRICS_TOKEN: z.string().optional(),
  S3_ENDPOINT: z.string().url(),
  S3_BUCKET: z.string().min(1),
  S3_REGION: z.string().default("auto"),
  S3_ACCESS_KEY_ID: z.string().min(1),
  S3_SECRET_ACCESS_KEY: z.string().min(1),
  /** Jobs run at once; ffmpeg keeps a core busy per job, so the default follows the CPU count. */
  CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .default(Math.max(1, Math.floor(availableParallelism() / 2))),
  /**
   * Speech pieces recognized (offline) or uploaded (OpenAI) at once per job; unset, the offline
   * recognizer uses every core and OpenAI four requests.
   */
  TRANSCRIPTION_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Transcript windows sent to the LLM at once per job (OpenAI analysis only); unset, three. */
  ANALYSIS_CONCURRENCY: z.coerce.number().int().min(1).max(16).optional(),
  SCRATCH_DIR: z.string().default(join(tmpdir(), "lecture-highlights")),
  /** When set, transcription and content analysis use OpenAI (or a compatible server). */
  OPENAI_API_KEY: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  OPENAI_BASE_URL: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.string().url().optional()),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).default(25),
  /** Longest input accepted; longer ones fail with input_too_long. */
  MAX_DURATION_SECONDS: z.coerce
    .number()
    .positive()
    .default(4 * 3600),
  /** Overrides of the per-stage time limits, e.g. `transcription=5400,compilation=1800`. */
  STAGE_TIMEOUT_SECONDS: z
    .string()
    .regex(/^([a-z]+=\d+(\.\d+)?)(,[a-z]+=\d+(\.\d+)?)*$/, "stage=seconds pairs separated by commas")
    .optional(),
});
export type MediaWorkerConfig = z.infer<typeof MediaWorkerConfig>;

/** Reads the configuration from the environment, failing fast with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): MediaWorkerConfig {
  const parsed = MediaWorkerConfig.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`media worker configuration is invalid: ${problems}`);
  }
  return parsed.data;
}

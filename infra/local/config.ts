import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

export type StackConfig = {
  dataDir: string;
  ports: { postgres: number; s3: number; neonBridge: number; mediaWorker: number; smtp: number; api: number };
  database: { name: string; user: string; password: string; url: string };
  s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };
  secrets: { jwt: string; internal: string; encryption: string; operator: string; metrics: string };
  /** Jobs the media worker runs at once; unset, it follows the CPU count. */
  mediaWorkerConcurrency?: number;
  /** `LH_JOB_LEASE_SECONDS`: the Worker's lease on an attempt; unset, wrangler.toml's value. */
  jobLeaseSeconds?: number;
  /** `LH_JOB_MAX_ATTEMPTS`: attempts per job; unset, wrangler.toml's value. */
  jobMaxAttempts?: number;
};

export type StackPort = keyof StackConfig["ports"];

/** The variable that moves each part's port, and the port it takes otherwise. */
export const portVariables: Record<StackPort, { variable: string; fallback: number }> = {
  postgres: { variable: "LH_POSTGRES_PORT", fallback: 54329 },
  s3: { variable: "LH_S3_PORT", fallback: 9400 },
  neonBridge: { variable: "LH_NEON_BRIDGE_PORT", fallback: 9401 },
  mediaWorker: { variable: "LH_MEDIA_WORKER_PORT", fallback: 9402 },
  /** The SMTP sink (infra/local/smtp-sink.ts); its control API is 1000 above. */
  smtp: { variable: "LH_SMTP_PORT", fallback: 9403 },
  api: { variable: "LH_API_PORT", fallback: 8787 },
};

const port = (env: NodeJS.ProcessEnv, name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number`);
  return value;
};

/**
 * Secrets for the local stack are generated once per data folder and kept there, so a restart
 * keeps existing sessions and encrypted rows readable. They never leave the machine.
 */
function localSecrets(dataDir: string): StackConfig["secrets"] & { dbPassword: string } {
  const file = join(dataDir, "secrets.json");
  const kept = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const secret = () => randomBytes(32).toString("base64url");
  // A data folder from before a secret existed keeps its others and gains the new one.
  const secrets = {
    jwt: secret(),
    internal: secret(),
    encryption: randomBytes(32).toString("base64"),
    dbPassword: secret(),
    operator: secret(),
    metrics: secret(),
    ...kept,
  };
  if (Object.keys(secrets).length !== Object.keys(kept).length)
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/**
 * Ports come from `LH_*_PORT` variables and the data folder from `LH_DATA_DIR`; everything
 * listens on 127.0.0.1.
 */
export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const dataDir = env.LH_DATA_DIR ?? join(projectRoot, ".data");
  mkdirSync(dataDir, { recursive: true });
  const ports = Object.fromEntries(
    Object.entries(portVariables).map(([part, { variable, fallback }]) => [part, port(env, variable, fallback)]),
  ) as StackConfig["ports"];
  const { dbPassword, ...secrets } = localSecrets(dataDir);
  const database = { name: "lecture_highlights", user: "lecture_highlights", password: dbPassword };
  return {
    dataDir,
    ports,
    database: {
      ...database,
      url: `postgres://${database.user}:${database.password}@127.0.0.1:${ports.postgres}/${database.name}`,
    },
    s3: {
      endpoint: `http://127.0.0.1:${ports.s3}`,
      bucket: "lecture-highlights",
      region: "auto",
      accessKeyId: "lh-local",
      secretAccessKey: secrets.internal.slice(0, 40),
    },
    secrets,
    mediaWorkerConcurrency: env.LH_MEDIA_WORKER_CONCURRENCY ? Number(env.LH_MEDIA_WORKER_CONCURRENCY) : undefined,
    jobLeaseSeconds: env.LH_JOB_LEASE_SECONDS ? Number(env.LH_JOB_LEASE_SECONDS) : undefined,
    jobMaxAttempts: env.LH_JOB_MAX_ATTEMPTS ? Number(env.LH_JOB_MAX_ATTEMPTS) : undefined,
  };
}

/** The Worker's variables and secrets for this stack, as `wrangler dev --env-file` reads them. */
export function workerEnv(config: StackConfig): Record<string, string> {
  return {
    DATABASE_URL: config.database.url,
    NEON_WS_PROXY: `ws://127.0.0.1:${config.ports.neonBridge}`,
    S3_ENDPOINT: config.s3.endpoint,
    S3_BUCKET: config.s3.bucket,
    S3_REGION: config.s3.region,
    S3_ACCESS_KEY_ID: config.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: config.s3.secretAccessKey,
    // No container runtime here: the stack runs one media worker process behind a URL.
    MEDIA_FLEET: "http",
    MEDIA_WORKER_URL: `http://127.0.0.1:${config.ports.mediaWorker}`,
    MEDIA_WORKER_SECRET: config.secrets.internal,
    JWT_SECRET: config.secrets.jwt,
    ENCRYPTION_KEY: config.secrets.encryption,
    PUBLIC_BASE_URL: `http://127.0.0.1:${config.ports.api}`,
    SMTP_URL: `smtp://127.0.0.1:${config.ports.smtp}`,
    // The same wrangler dev under another name: the media worker reports there, and /internal/* answers only there.
    INTERNAL_BASE_URL: `http://localhost:${config.ports.api}`,
    ALLOW_INSECURE_WEBHOOKS: "true",
    OPERATOR_TOKEN: config.secrets.operator,
    ...(config.jobLeaseSeconds ? { JOB_LEASE_SECONDS: String(config.jobLeaseSeconds) } : {}),
    ...(config.jobMaxAttempts ? { JOB_MAX_ATTEMPTS: String(config.jobMaxAttempts) } : {}),
  };
}

/** The media worker's environment for this stack. */
export function mediaWorkerEnv(config: StackConfig): Record<string, string> {
  return {
    HOST: "127.0.0.1",
    PORT: String(config.ports.mediaWorker),
    MEDIA_WORKER_SECRET: config.secrets.internal,
    METRICS_TOKEN: config.secrets.metrics,
    S3_ENDPOINT: config.s3.endpoint,
    S3_BUCKET: config.s3.bucket,
    S3_REGION: config.s3.region,
    S3_ACCESS_KEY_ID: config.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: config.s3.secretAccessKey,
    SCRATCH_DIR: join(config.dataDir, "scratch"),
    ...(config.mediaWorkerConcurrency ? { CONCURRENCY: String(config.mediaWorkerConcurrency) } : {}),
  };
}

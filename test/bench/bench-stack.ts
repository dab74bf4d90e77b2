import type pg from "pg";
import { loadStackConfig } from "../../infra/local/config.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { testStackEnv } from "../services.ts";

/**
 * A local stack of the benchmark's own (API and database, no media worker) on the test ports
 * shifted by `offset`, stopped again when the process is interrupted or crashes.
 *
 * @example
 * const stack = await startBenchStack(700);
 * try { await fetch(`${stack.apiUrl}/health`) } finally { await stack.stop() }
 */
export async function startBenchStack(offset: number): Promise<LocalStack> {
  const stack = new LocalStack(loadStackConfig(testStackEnv(offset)), { mediaWorker: false });
  const stopAndExit = async (error: unknown) => {
    console.error(error);
    await stack.stop();
    process.exit(1);
  };
  process.on("uncaughtException", stopAndExit);
  process.on("SIGINT", stopAndExit);
  process.on("SIGTERM", stopAndExit);
  await stack.start();
  return stack;
}

/**
 * Registers a fresh user through the API and returns its id and access token.
 *
 * @example
 * const { user, accessToken } = await registerBenchUser(stack.apiUrl);
 */
export async function registerBenchUser(api: string): Promise<{ user: { id: string }; accessToken: string }> {
  const register = await fetch(`${api}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.7" },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: "a long enough password" }),
  });
  return (await register.json()) as { user: { id: string }; accessToken: string };
}

/**
 * Writes a completed upload of `userId` straight into the database, for jobs to point at, in
 * the user's personal organization (which has the user's id).
 *
 * @example
 * const uploadId = await insertBenchUpload(db, user.id);
 */
export async function insertBenchUpload(db: pg.Client, userId: string): Promise<string> {
  const uploadId = crypto.randomUUID();
  await db.query(
    `insert into uploads (id, organization_id, user_id, filename, content_type, size_bytes, object_key, status, expires_at)
     values ($1, $2, $2, 'bench.mp4', 'video/mp4', 1, $3, 'completed', now() + interval '1 day')`,
    [uploadId, userId, `uploads/${userId}/${uploadId}/source.mp4`],
  );
  return uploadId;
}

import { createDatabase, type Database } from "../db/client.ts";
import type { Env } from "./env.ts";

/** Queue batches and cron sweeps may run longer queries than a request, but not forever. */
const BACKGROUND_QUERY_TIMEOUT_MS = 60_000;

/**
 * A database handle for work outside an HTTP request (queue batches, cron), closed once the
 * work is done without holding up the invocation.
 *
 * @example
 * await withDatabase(env, ctx, (db) => recoverExpiredLeases(env, db));
 */
export async function withDatabase<T>(env: Env, ctx: ExecutionContext, work: (db: Database) => Promise<T>): Promise<T> {
  const { db, close } = createDatabase(env, { queryTimeoutMs: BACKGROUND_QUERY_TIMEOUT_MS });
  try {
    return await work(db);
  } finally {
    ctx.waitUntil(close());
  }
}

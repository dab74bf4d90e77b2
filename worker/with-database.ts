import { createDatabase, type Database } from "../db/client.ts";
import type { Env } from "./env.ts";

/**
 * A database handle for work outside an HTTP request (queue batches, cron), closed once the
 * work is done without holding up the invocation.
 *
 * @example
 * await withDatabase(env, ctx, (db) => recoverExpiredLeases(env, db));
 */
export async function withDatabase<T>(env: Env, ctx: ExecutionContext, work: (db: Database) => Promise<T>): Promise<T> {
  const { db, close } = createDatabase(env);
  try {
    return await work(db);
  } finally {
    ctx.waitUntil(close());
  }
}

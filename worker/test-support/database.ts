import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { createDatabase, type Database } from "../../db/client.ts";

/**
 * Runs `work` with a database handle of its own, closed the way the Worker closes it (through
 * the execution context: awaiting the close directly hangs the vitest pool).
 *
 * @example
 * const [row] = await withDatabase((db) => db.select().from(users).where(eq(users.id, id)));
 */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const ctx = createExecutionContext();
  const { db, close } = createDatabase(env);
  try {
    return await work(db);
  } finally {
    ctx.waitUntil(close());
    await waitOnExecutionContext(ctx);
  }
}

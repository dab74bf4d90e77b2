import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import type { Database } from "../../../db/client.ts";
import { withDatabase as withWorkerDatabase } from "../../../worker/with-database.ts";

/**
 * Runs `work` with a database handle of its own, opened and closed exactly as the Worker does
 * outside a request (the close goes through the execution context: awaiting it directly hangs
 * the vitest pool).
 *
 * @example
 * const [row] = await withTestDatabase((db) => db.select().from(users).where(eq(users.id, id)));
 */
export async function withTestDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const ctx = createExecutionContext();
  try {
    return await withWorkerDatabase(env, ctx, work);
  } finally {
    await waitOnExecutionContext(ctx);
  }
}

import { and, eq } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import { NotFoundError } from "../errors/problem.ts";

export type UploadRow = typeof schema.uploads.$inferSelect;

/**
 * The caller's upload by id. Another account's upload answers 404 like one that does not
 * exist, so ids reveal nothing.
 *
 * @example
 * const upload = await findOwnUpload(c.var.db(), c.var.auth.userId, c.req.valid("param").id);
 */
export async function findOwnUpload(db: Database, userId: string, id: string): Promise<UploadRow> {
  const [row] = await db
    .select()
    .from(schema.uploads)
    .where(and(eq(schema.uploads.id, id), eq(schema.uploads.userId, userId)));
  if (!row) throw new NotFoundError("upload");
  return row;
}

/** Whether a pending upload can still receive bytes: the cron may not have expired it yet. */
export function acceptsBytes(row: UploadRow, now = new Date()): boolean {
  return row.status === "pending" && row.expiresAt > now;
}

import { and, eq } from "drizzle-orm";
import { type Database, schema, type Transaction } from "../../db/client.ts";
import type { Owner } from "../auth/caller.ts";
import { NotFoundError } from "../errors/problem.ts";

export type UploadRow = typeof schema.uploads.$inferSelect;

/**
 * The upload of the request's organization by id. Another organization's upload answers 404 like one that does not
 * exist, so ids reveal nothing.
 *
 * @example
 * const upload = await findOwnUpload(c.var.db(), c.var.auth, c.req.valid("param").id);
 */
export async function findOwnUpload(db: Database, owner: Owner, id: string): Promise<UploadRow> {
  return ownUpload(await ownUploadQuery(db, owner, id));
}

/**
 * The organization's upload, locked until the transaction ends: starting a job takes it `share`
 * (jobs may start side by side), deleting it takes it `update`, so a delete and a job start on
 * the same upload run one after the other and the second sees what the first did.
 *
 * @example
 * await db.transaction(async (tx) => { const upload = await lockOwnUpload(tx, c.var.auth, id, "update"); … });
 */
export async function lockOwnUpload(
  tx: Transaction,
  owner: Owner,
  id: string,
  mode: "share" | "update",
): Promise<UploadRow> {
  return ownUpload(await ownUploadQuery(tx, owner, id).for(mode));
}

function ownUploadQuery(db: Database | Transaction, owner: Owner, id: string) {
  return db
    .select()
    .from(schema.uploads)
    .where(and(eq(schema.uploads.id, id), eq(schema.uploads.organizationId, owner.organizationId)));
}

function ownUpload([row]: UploadRow[]): UploadRow {
  if (!row) throw new NotFoundError("upload");
  return row;
}

/** Whether a pending upload can still receive bytes: the cron may not have expired it yet. */
export function acceptsBytes(row: UploadRow, now = new Date()): boolean {
  return row.status === "pending" && row.expiresAt > now;
}

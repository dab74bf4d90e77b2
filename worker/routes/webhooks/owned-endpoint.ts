import { and, eq } from "drizzle-orm";
import { type Database, schema } from "../../../db/client.ts";
import type { Owner } from "../../auth/caller.ts";
import { NotFoundError } from "../../errors/problem.ts";

/**
 * The endpoint of the request's organization, or 404: another organization's id looks exactly
 * like one that does not exist.
 *
 * @example
 * const endpoint = await findOwnedEndpoint(db, c.var.auth, c.req.valid("param").id);
 */
export async function findOwnedEndpoint(db: Database, owner: Owner, endpointId: string) {
  const [endpoint] = await db
    .select()
    .from(schema.webhookEndpoints)
    .where(
      and(eq(schema.webhookEndpoints.id, endpointId), eq(schema.webhookEndpoints.organizationId, owner.organizationId)),
    );
  if (!endpoint) throw new NotFoundError("webhook endpoint");
  return endpoint;
}

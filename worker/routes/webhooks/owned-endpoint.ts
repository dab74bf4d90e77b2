import { and, eq } from "drizzle-orm";
import { type Database, schema } from "../../../db/client.ts";
import { NotFoundError } from "../../errors/problem.ts";

/** The caller's endpoint, or 404: another account's id looks exactly like one that does not exist. */
export async function findOwnedEndpoint(db: Database, userId: string, endpointId: string) {
  const [endpoint] = await db
    .select()
    .from(schema.webhookEndpoints)
    .where(and(eq(schema.webhookEndpoints.id, endpointId), eq(schema.webhookEndpoints.userId, userId)));
  if (!endpoint) throw new NotFoundError("webhook endpoint");
  return endpoint;
}

import { z } from "@hono/zod-openapi";
import type { apiKeys } from "../../../db/schema.ts";
import { scopeSchema, toScopeSet } from "../../auth/scopes.ts";

export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: "LMS integration" }),
    scopes: z.array(scopeSchema).min(1).max(10),
  })
  .openapi("CreateApiKeyRequest");

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z
      .string()
      .openapi({ description: "The key's first characters, to tell keys apart.", example: "lh_live_Q3x9aB" }),
    scopes: z.array(scopeSchema),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .openapi("ApiKey");

export const createdApiKeySchema = apiKeySchema
  .extend({ key: z.string().openapi({ description: "The secret key. Shown only in this response." }) })
  .openapi("CreatedApiKey");

export const apiKeyIdParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

/** The public view of a stored key: never its hash. */
export function publicApiKey(row: typeof apiKeys.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: [...toScopeSet(row.scopes)],
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

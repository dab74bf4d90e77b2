import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { ProblemError } from "../../errors/problem.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { endpointSecretContext, rotatedSecrets } from "../../webhooks/signing-secrets.ts";
import { findOwnedEndpoint } from "./owned-endpoint.ts";
import { idParams, secretView } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/{id}/rotate-secret",
  tags: ["Webhooks"],
  summary: "Rotate an endpoint's signing secret",
  description:
    "Returns the new secret once. For 24 hours every delivery carries two signatures in `webhook-signature`, " +
    "one per secret, so the receiver can switch without missing an event.",
  security: bearerSecurity,
  request: { params: idParams },
  responses: { 200: jsonContent(secretView, "The new secret."), ...problemResponses(400, 401, 403, 404, 409) },
});

export const rotateSecret = createRouter().openapi(route, async (c) => {
  const db = c.var.db();
  const endpoint = await findOwnedEndpoint(db, c.var.auth, c.req.valid("param").id);
  const { secret, stored } = await rotatedSecrets(
    c.env.ENCRYPTION_KEY,
    endpoint.secretEncrypted,
    endpointSecretContext(endpoint.id),
  );
  // Conditional on the secret read: of two rotations at once, the second fails rather than
  // handing out a secret that was overwritten before it ever signed anything.
  const updated = await db
    .update(schema.webhookEndpoints)
    .set({
      secretEncrypted: stored.current,
      previousSecretEncrypted: stored.previous,
      previousSecretExpiresAt: stored.previousExpiresAt,
    })
    .where(
      and(
        eq(schema.webhookEndpoints.id, endpoint.id),
        eq(schema.webhookEndpoints.secretEncrypted, endpoint.secretEncrypted),
      ),
    )
    .returning({ id: schema.webhookEndpoints.id });
  if (updated.length === 0)
    throw new ProblemError(409, "rotation_conflict", "Another rotation happened at the same time.");
  return c.json({ secret, previousSecretExpiresAt: stored.previousExpiresAt?.toISOString() ?? null }, 200);
});

import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { type CountedLimit, insertWithinLimit } from "../../limits/counted-limit.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { createEncryptedSecret, endpointSecretContext } from "../../webhooks/signing-secrets.ts";
import { requireAllowedWebhookUrl } from "../../webhooks/url-safety.ts";
import { createdEndpointView, createEndpointBody, toEndpointView } from "./schemas.ts";

const endpointLimit: CountedLimit = {
  name: "webhook-endpoints",
  max: 20,
  code: "too_many_endpoints",
  what: "endpoints",
};

const route = createRoute({
  method: "post",
  path: "/",
  tags: ["Webhooks"],
  summary: "Register a webhook endpoint",
  description:
    "Receives the chosen events of every job of the account, signed per the Standard Webhooks specification. " +
    "Only public `https` URLs are accepted. The signing secret is in this response only.",
  security: bearerSecurity,
  request: jsonBody(createEndpointBody),
  responses: {
    201: jsonContent(createdEndpointView, "The endpoint and its signing secret, shown once."),
    ...problemResponses(400, 401, 403, 409, 413),
  },
});

export const create = createRouter().openapi(route, async (c) => {
  const { url, eventTypes, description } = c.req.valid("json");
  requireAllowedWebhookUrl(c.env, url, "url");
  const { organizationId, userId } = c.var.auth;
  const id = crypto.randomUUID();
  const { secret, encrypted } = await createEncryptedSecret(c.env.ENCRYPTION_KEY, endpointSecretContext(id));
  const [row] = await insertWithinLimit(
    c.var.db(),
    endpointLimit,
    organizationId,
    (tx) => tx.$count(schema.webhookEndpoints, eq(schema.webhookEndpoints.organizationId, organizationId)),
    (tx) =>
      tx
        .insert(schema.webhookEndpoints)
        .values({ id, organizationId, userId, url, eventTypes, description, secretEncrypted: encrypted })
        .returning(),
  );
  return c.json({ ...toEndpointView(row!), secret }, 201);
});

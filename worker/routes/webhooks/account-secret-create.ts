import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { createAccountSecret } from "../../webhooks/account-secret.ts";
import { secretView } from "./schemas.ts";

export const accountSecretDescription =
  "The account's secret signs the webhooks sent to the `webhookUrl` given when a job is created (registered endpoints have their own); a job with a `webhookUrl` needs it.";

const route = createRoute({
  method: "post",
  path: "/account-secret",
  tags: ["Webhooks"],
  summary: "Create the account's signing secret",
  description: `${accountSecretDescription} Returns it once; an account that has one answers 409 \`account_secret_exists\` (rotate it instead).`,
  security: bearerSecurity,
  responses: { 201: jsonContent(secretView, "The new secret, shown once."), ...problemResponses(401, 403, 409) },
});

export const accountSecretCreateRoute = createRouter().openapi(route, async (c) => {
  const secret = await createAccountSecret(c.env, c.var.db(), c.var.auth.organizationId);
  return c.json({ secret, previousSecretExpiresAt: null }, 201);
});

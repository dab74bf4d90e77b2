import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { rotateAccountSecret } from "../../webhooks/account-secret.ts";
import { accountSecretDescription } from "./account-secret-create.ts";
import { secretView } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/account-secret/rotate",
  tags: ["Webhooks"],
  summary: "Rotate the account's signing secret",
  description: `${accountSecretDescription} Returns the new secret once; the old one keeps signing beside it for 24 hours. An account without a secret answers 409 \`account_secret_missing\`.`,
  security: bearerSecurity,
  responses: { 200: jsonContent(secretView, "The new secret, shown once."), ...problemResponses(401, 403, 409) },
});

export const accountSecretRotateRoute = createRouter().openapi(route, async (c) => {
  const { secret, previousExpiresAt } = await rotateAccountSecret(c.env, c.var.db(), c.var.auth.organizationId);
  return c.json({ secret, previousSecretExpiresAt: previousExpiresAt?.toISOString() ?? null }, 200);
});

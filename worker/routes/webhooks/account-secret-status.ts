import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { accountSecretStatus } from "../../webhooks/account-secret.ts";
import { accountSecretDescription } from "./account-secret-create.ts";
import { accountSecretStatusView } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/account-secret",
  tags: ["Webhooks"],
  summary: "Whether the account has a signing secret",
  description: `${accountSecretDescription} Never shows the secret and never creates one.`,
  security: bearerSecurity,
  responses: {
    200: jsonContent(accountSecretStatusView, "What is known about the secret."),
    ...problemResponses(401, 403),
  },
});

export const accountSecretStatusRoute = createRouter().openapi(route, async (c) => {
  const status = await accountSecretStatus(c.var.db(), c.var.auth.organizationId);
  return c.json(
    {
      exists: status.exists,
      createdAt: status.createdAt?.toISOString() ?? null,
      previousSecretExpiresAt: status.previousExpiresAt?.toISOString() ?? null,
    },
    200,
  );
});

import { createRoute } from "@hono/zod-openapi";
import { decryptSecret } from "../../auth/encryption.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { accountSecrets, rotateAccountSecret } from "../../webhooks/account-secret.ts";
import { accountSecretContext } from "../../webhooks/signing-secrets.ts";
import { secretView } from "./schemas.ts";

const description =
  "Signs the webhooks sent to the `webhookUrl` given when a job is created (registered endpoints have their own).";

const revealRoute = createRoute({
  method: "get",
  path: "/account-secret",
  tags: ["Webhooks"],
  summary: "Reveal the account's signing secret",
  description: `${description} Created on first use.`,
  security: bearerSecurity,
  responses: { 200: jsonContent(secretView, "The current secret."), ...problemResponses(401, 403) },
});

const rotateRoute = createRoute({
  method: "post",
  path: "/account-secret/rotate",
  tags: ["Webhooks"],
  summary: "Rotate the account's signing secret",
  description: `${description} The old secret keeps signing beside the new one for 24 hours.`,
  security: bearerSecurity,
  responses: { 200: jsonContent(secretView, "The new secret."), ...problemResponses(401, 403) },
});

export const accountSecret = createRouter()
  .openapi(revealRoute, async (c) => {
    const userId = c.var.auth.userId;
    const stored = await accountSecrets(c.env, c.var.db(), userId);
    const secret = await decryptSecret(c.env.ENCRYPTION_KEY, stored.current, accountSecretContext(userId));
    const overlap = stored.previousExpiresAt && stored.previousExpiresAt > new Date() ? stored.previousExpiresAt : null;
    return c.json({ secret, previousSecretExpiresAt: overlap?.toISOString() ?? null }, 200);
  })
  .openapi(rotateRoute, async (c) => {
    const { secret, previousExpiresAt } = await rotateAccountSecret(c.env, c.var.db(), c.var.auth.userId);
    return c.json({ secret, previousSecretExpiresAt: previousExpiresAt?.toISOString() ?? null }, 200);
  });

import { z } from "@hono/zod-openapi";
import type { schema } from "../../../db/client.ts";
import { webhookEventTypes } from "../../webhooks/events.ts";
import { webhookId } from "../../webhooks/send-delivery.ts";

type EndpointRow = typeof schema.webhookEndpoints.$inferSelect;
type DeliveryRow = typeof schema.webhookDeliveries.$inferSelect;
type AttemptRow = typeof schema.webhookAttempts.$inferSelect;

const eventType = z.enum(webhookEventTypes);
const timestamp = z.iso.datetime();
const signingSecret = z.string().openapi({
  description: "The Standard Webhooks signing secret (`whsec_` + base64). Shown only in this response.",
  example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9N/3zH2fl2E=",
});

export const idParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

export const createEndpointBody = z
  .object({
    url: z.string().url().max(2048).openapi({ example: "https://lms.example.edu/hooks/lecture-highlights" }),
    eventTypes: z
      .array(eventType)
      .min(1)
      .max(webhookEventTypes.length)
      .default([...webhookEventTypes]),
    description: z.string().trim().max(200).optional(),
  })
  .openapi("CreateWebhookEndpoint");

export const endpointView = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(eventType),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().openapi({ description: "Why deliveries stopped, when `enabled` is false." }),
    failingSince: timestamp.nullable(),
    previousSecretExpiresAt: timestamp
      .nullable()
      .openapi({ description: "Until then the secret before the last rotation signs too." }),
    createdAt: timestamp,
  })
  .openapi("WebhookEndpoint");

export const createdEndpointView = endpointView.extend({ secret: signingSecret }).openapi("CreatedWebhookEndpoint");

export const secretView = z
  .object({ secret: signingSecret, previousSecretExpiresAt: timestamp.nullable() })
  .openapi("WebhookSigningSecret");

export const accountSecretStatusView = z
  .object({
    exists: z
      .boolean()
      .openapi({ description: "Whether the account has a secret; it is shown only when created or rotated." }),
    createdAt: timestamp.nullable().openapi({ description: "When the current secret was created or last rotated." }),
    previousSecretExpiresAt: timestamp
      .nullable()
      .openapi({ description: "Until then the secret before the last rotation signs too." }),
  })
  .openapi("AccountSigningSecretStatus");

const attemptView = z.object({
  attemptedAt: timestamp,
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
});

export const deliveryView = z
  .object({
    id: z.uuid(),
    webhookId: z.string().openapi({ description: "The `webhook-id` header, the same on every retry." }),
    eventType: eventType,
    jobId: z.uuid().nullable(),
    status: z.enum(["pending", "succeeded", "failed", "abandoned"]),
    attemptCount: z.number().int(),
    nextAttemptAt: timestamp.nullable(),
    createdAt: timestamp,
    attempts: z.array(attemptView),
  })
  .openapi("WebhookDelivery");

export function toEndpointView(row: EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as (typeof webhookEventTypes)[number][],
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toDeliveryView(row: DeliveryRow, attempts: AttemptRow[]) {
  return {
    id: row.id,
    webhookId: webhookId(row.id),
    eventType: row.eventType as (typeof webhookEventTypes)[number],
    jobId: row.jobId,
    status: row.status,
    attemptCount: row.attemptCount,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    attempts: attempts.map((a) => ({
      attemptedAt: a.attemptedAt.toISOString(),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      error: a.error,
    })),
  };
}

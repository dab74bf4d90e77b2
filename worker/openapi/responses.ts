import { z } from "@hono/zod-openapi";
import type { ZodType } from "zod";

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: "https://lecture-highlights.dev/problems/validation_failed" }),
    title: z.string(),
    status: z.number().int(),
    code: z
      .string()
      .openapi({ description: "Stable machine-readable code; clients branch on it.", example: "validation_failed" }),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const problemDescriptions: Record<number, string> = {
  400: "The request is invalid (`validation_failed` names the fields).",
  401: "Missing, invalid or expired credentials.",
  403: "The credential lacks a scope, or the route needs a user's own token.",
  404: "No such resource for this account.",
  409: "Conflicts with the current state.",
  410: "Gone for good (`outputs_expired`: the retention policy deleted the job's outputs).",
  413: "The body is too large (`payload_too_large`).",
  422: "Understood, but cannot be done as asked (the `code` says why).",
  429: "Rate limited; see `Retry-After`.",
};

/**
 * The problem+json responses of a route, for its OpenAPI definition.
 *
 * @example
 * responses: { 200: jsonResponse(meSchema, "You"), ...problemResponses(401) }
 */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: problemDescriptions[status] ?? "Error.",
        content: { "application/problem+json": { schema: problemSchema } },
      },
    ]),
  );
}

/**
 * A JSON response or request body of a route definition.
 *
 * @example
 * responses: { 201: jsonContent(sessionSchema, "Registered") }
 */
export function jsonContent<T extends ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON body: without `required`, a request lacking the content type would skip validation. */
export function jsonBody<T extends ZodType>(schema: T) {
  return { body: { required: true, content: { "application/json": { schema } } } };
}

/** Routes that take `Authorization: Bearer <access token | API key>`. */
export const bearerSecurity = [{ bearerAuth: [] }];

/** Routes anyone may call (health, sign-in): declared so, rather than left unsaid. */
export const publicSecurity: Array<Record<string, string[]>> = [];

/** The progress WebSocket: a ticket in the query, or a bearer token offered as a subprotocol. */
export const eventsSecurity: Array<Record<string, string[]>> = [{ eventsTicket: [] }, { bearerSubprotocol: [] }];

import type { OpenAPIHono } from "@hono/zod-openapi";
import { ORGANIZATION_HEADER } from "../../auth/request-organization.ts";
import { EVENTS_PROTOCOL } from "../jobs/events.ts";

/**
 * The credentials routes name in their `security` (see bearerSecurity and eventsSecurity), and
 * the organization header every bearer route takes (publicDocument adds it to each).
 */
export function registerSecuritySchemes(registry: OpenAPIHono["openAPIRegistry"]): void {
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A user's access token (JWT) or an API key (`lh_live_…`).",
  });
  registry.registerComponent("securitySchemes", "eventsTicket", {
    type: "apiKey",
    in: "query",
    name: "ticket",
    description: "A single-use ticket from `POST /v1/jobs/{id}/events/ticket`, for browsers.",
  });
  registry.registerComponent("securitySchemes", "bearerSubprotocol", {
    type: "apiKey",
    in: "header",
    name: "Sec-WebSocket-Protocol",
    description: `Offer the subprotocols \`${EVENTS_PROTOCOL}, bearer.<access token or API key>\`.`,
  });
  registry.registerComponent("parameters", organizationParameter, {
    in: "header",
    name: ORGANIZATION_HEADER,
    required: false,
    schema: { type: "string", format: "uuid" },
    description:
      "The organization a session acts in (see `GET /v1/organizations`); without it, the user's personal " +
      "organization. An organization the user is not a member of answers 404, as if it did not exist. " +
      "API keys belong to one organization and ignore this header.",
  });
}

/** The name of the organization header's component, which bearer operations refer to. */
export const organizationParameter = "organization";

import type { OpenAPIHono } from "@hono/zod-openapi";
import { EVENTS_PROTOCOL } from "../jobs/events.ts";

/** The credentials routes name in their `security`: see bearerSecurity and eventsSecurity. */
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
}

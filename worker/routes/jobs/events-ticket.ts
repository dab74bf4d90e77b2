import { createRoute, z } from "@hono/zod-openapi";
import { jobRoom } from "../../jobs/publish-job-update.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { TICKET_TTL_MS } from "../../rooms/job-room.ts";
import { findOwnedJob } from "./owned-job.ts";
import { jobIdParams } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/{id}/events/ticket",
  tags: ["Jobs"],
  summary: "Get a ticket for the progress WebSocket",
  description:
    "Browsers cannot send headers with a WebSocket: pass this single-use ticket as `?ticket=` on `/v1/jobs/{id}/events` within a minute.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:read")] as const,
  request: { params: jobIdParams },
  responses: {
    200: jsonContent(z.object({ ticket: z.string(), expiresInSeconds: z.number() }), "The ticket."),
    ...problemResponses(400, 401, 403, 404),
  },
});

export const eventsTicket = createRouter().openapi(route, async (c) => {
  const job = await findOwnedJob(c.var.db(), c.var.auth, c.req.valid("param").id);
  const ticket = await jobRoom(c.env, job.id).issueTicket();
  return c.json({ ticket, expiresInSeconds: TICKET_TTL_MS / 1000 }, 200);
});

import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { NotFoundError, ProblemError, UnauthorizedError } from "../../errors/problem.ts";
import { capacityWait } from "../../jobs/capacity-queue.ts";
import { jobRoom } from "../../jobs/publish-job-update.ts";
import { type JobRow, toSnapshot } from "../../jobs/snapshot.ts";
import { assertAllowed, identify } from "../../middleware/auth/index.ts";
import { eventsSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { subscriberHeaders } from "../../rooms/job-room.ts";
import { findOwnedJob } from "./owned-job.ts";
import { jobIdParams } from "./schemas.ts";

/** The subprotocol we answer with; a token travels beside it as `bearer.<token>`. */
export const EVENTS_PROTOCOL = "lecture-highlights.v1";

const route = createRoute({
  method: "get",
  path: "/{id}/events",
  tags: ["Jobs"],
  security: eventsSecurity,
  summary: "Watch a job's progress (WebSocket)",
  description:
    "Upgrades to a WebSocket. Authenticate with `?ticket=` (from `POST /v1/jobs/{id}/events/ticket`) or by offering the " +
    `subprotocols \`${EVENTS_PROTOCOL}\` and \`bearer.<access token or API key>\`. The first message is a \`snapshot\`; ` +
    "then `waiting` (the fleet is full: since when, jobs ahead), `progress`, `stage`, `completed` or `failed`, each with the job id and a `seq` rising by one.",
  request: { params: jobIdParams, query: z.object({ ticket: z.string().max(200).optional() }) },
  responses: { 101: { description: "Switching to the WebSocket protocol." }, ...problemResponses(401, 403, 404, 426) },
});

export const events = createRouter().openapi(route, async (c) => {
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    throw new ProblemError(426, "websocket_required", "Connect with a WebSocket client.");
  }
  const { id } = c.req.valid("param");
  const { ticket } = c.req.valid("query");
  const forwarded = new Headers(c.req.raw.headers);
  // Only this route may vouch for a subscriber: whatever a client sent in our headers goes.
  for (const header of Object.values(subscriberHeaders)) forwarded.delete(header);
  let job: JobRow;
  if (ticket) {
    // The ticket itself proves ownership (it was issued for this job's room to its owner).
    const [row] = await c.var.db().select().from(schema.jobs).where(eq(schema.jobs.id, id));
    if (!row) throw new NotFoundError("job");
    job = row;
    forwarded.set(subscriberHeaders.ticket, ticket);
  } else {
    const offered = (c.req.header("sec-websocket-protocol") ?? "").split(",").map((p) => p.trim());
    const token = offered.find((p) => p.startsWith("bearer."))?.slice("bearer.".length);
    if (!token) throw new UnauthorizedError("Pass ?ticket= or offer the subprotocol bearer.<token>.");
    const auth = await identify(c, token);
    assertAllowed(auth, "jobs:read");
    job = await findOwnedJob(c.var.db(), auth, id);
    forwarded.set(subscriberHeaders.authorized, "true");
    if (offered.includes(EVENTS_PROTOCOL)) forwarded.set(subscriberHeaders.protocol, EVENTS_PROTOCOL);
  }
  const snapshot = toSnapshot(job, await capacityWait(c.var.db(), job));
  forwarded.set(subscriberHeaders.snapshot, JSON.stringify({ jobId: job.id, snapshot }));
  const response = await jobRoom(c.env, id).fetch(c.req.url, { headers: forwarded });
  if (response.status === 401) throw new UnauthorizedError("The ticket is invalid, expired or already used.");
  return response;
});

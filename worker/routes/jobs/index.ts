import { createRouter } from "../../openapi/router.ts";
import { cancel } from "./cancel.ts";
import { create } from "./create.ts";
import { remove } from "./delete.ts";
import { events } from "./events.ts";
import { eventsTicket } from "./events-ticket.ts";
import { exportResults } from "./export.ts";
import { get } from "./get.ts";
import { list } from "./list.ts";
import { rename } from "./rename.ts";
import { results } from "./results.ts";
import { validate } from "./validate.ts";

/**
 * `/v1/jobs`. Each route authenticates itself: the progress WebSocket accepts a ticket, which
 * a browser can send where it cannot send an Authorization header.
 */
export const jobsRoutes = createRouter()
  .route("/", create)
  .route("/", validate)
  .route("/", list)
  .route("/", get)
  .route("/", rename)
  .route("/", remove)
  .route("/", cancel)
  .route("/", results)
  .route("/", exportResults)
  .route("/", eventsTicket)
  .route("/", events);

import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../../env.ts";
import { type MetricPoint, requestPoint, UNMATCHED_ROUTE, writeMetric } from "../../observability/metrics.ts";

/**
 * The route pattern the request matched (`/v1/jobs/:id`): the handler that answered, or, when a
 * middleware answered before any handler ran (a body over the limit), the first handler the
 * request was bound for. Middleware is registered for every method (`ALL`), handlers for theirs;
 * a request no handler matched (the `notFound` answer) is one series, `(unmatched)`.
 */
export function answeringRoute(c: Context): string {
  const routes = matchedRoutes(c);
  const answered = routes[c.req.routeIndex];
  const route = answered?.method !== "ALL" ? answered : routes.find((candidate) => candidate.method !== "ALL");
  return route?.path ?? UNMATCHED_ROUTE;
}

/**
 * One Analytics Engine point per request: route pattern, method, status and latency. `write`
 * defaults to the environment's dataset; a test passes its own to see the points.
 *
 * @example
 * app.use(requestId(), logger(), requestMetrics());
 */
export function requestMetrics(write?: (point: MetricPoint) => void) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = Date.now();
    await next();
    const point = requestPoint({
      route: answeringRoute(c),
      method: c.req.method,
      status: c.res.status,
      latencyMs: Date.now() - started,
    });
    if (write) write(point);
    else writeMetric(c.env, point);
  });
}

import { DrizzleQueryError } from "drizzle-orm/errors";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env.ts";
import { ProblemError } from "./problem.ts";

const problemTypeBase = "https://lecture-highlights.dev/problems/";

const statusTitles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

/** Hono's own exceptions (body limit, malformed JSON) get codes of their own. */
const httpExceptionCodes: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  404: "not_found",
  413: "payload_too_large",
};

/** Renders any problem as `application/problem+json`; used by onError and notFound alike. */
export function problemResponse(c: Context<AppEnv>, problem: ProblemError): Response {
  const body = {
    ...problem.extra.members,
    type: `${problemTypeBase}${problem.code}`,
    title: statusTitles[problem.status] ?? "Error",
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    instance: c.req.path,
    requestId: c.get("requestId"),
    ...(problem.extra.errors ? { errors: problem.extra.errors } : {}),
  };
  return c.body(JSON.stringify(body), problem.status, {
    "content-type": "application/problem+json",
    ...problem.extra.headers,
  });
}

/**
 * Losing the database (refused, dropped or timed-out connections, a query left unanswered; the
 * server shutting down or out of connections) is an outage the client should wait out, not a bug of ours.
 */
const connectionFailure =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|ECONNREFUSED|ECONNRESET|WebSocket|socket hang up|Client has encountered a connection error/i;
const unavailableStates = /^(08|53300|57P0[1-3])/;

function isDatabaseUnavailable(error: Error): boolean {
  const cause = error instanceof DrizzleQueryError && error.cause instanceof Error ? error.cause : error;
  const state = (cause as { code?: unknown }).code;
  return (typeof state === "string" && unavailableStates.test(state)) || connectionFailure.test(cause.message);
}

/** The one error handler: typed errors keep their status and code; anything else is a 500 without internals. */
export function onError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof ProblemError) return problemResponse(c, error);
  if (isDatabaseUnavailable(error)) {
    console.error(
      JSON.stringify({
        level: "error",
        msg: "database unavailable",
        requestId: c.get("requestId"),
        ...loggable(error),
      }),
    );
    return problemResponse(
      c,
      new ProblemError(503, "database_unavailable", "The service is briefly unavailable; try again shortly.", {
        headers: { "retry-after": "5" },
      }),
    );
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = httpExceptionCodes[status] ?? (status >= 500 ? "internal_error" : "bad_request");
    return problemResponse(c, new ProblemError(status, code, error.message || statusTitles[status] || "Error"));
  }
  console.error(
    JSON.stringify({ level: "error", msg: "unhandled error", requestId: c.get("requestId"), ...loggable(error) }),
  );
  return problemResponse(c, new ProblemError(500, "internal_error", "Something went wrong on our side."));
}

/**
 * What of an error may be logged. drizzle puts the query's parameters in its message, and those
 * are password hashes, token hashes and emails: log the query text and the driver's reason only.
 */
function loggable(error: Error): { error: string; query?: string; stack?: string } {
  if (!(error instanceof DrizzleQueryError)) return { error: error.message, stack: error.stack };
  const reason = error.cause instanceof Error ? error.cause.message : "unknown cause";
  return {
    error: `database query failed: ${reason}`,
    query: error.query,
    stack: error.stack?.replace(error.message, "Failed query (parameters redacted)"),
  };
}

import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One field that failed validation, named by its path in the request. */
export type FieldError = { path: string; message: string };

/**
 * An error the API answers with, rendered as RFC 9457 `application/problem+json` by the one
 * `app.onError`. `code` is stable: clients branch on it, so it is never renamed.
 *
 * @example
 * throw new ProblemError(409, "upload_not_complete", "The upload has not been completed yet.");
 */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "ProblemError";
  }
}

export class NotFoundError extends ProblemError {
  constructor(what = "resource") {
    super(404, "not_found", `The ${what} does not exist.`);
  }
}

export class ValidationError extends ProblemError {
  constructor(errors: FieldError[]) {
    super(
      400,
      "validation_failed",
      `Invalid request: ${errors.map((e) => `${e.path || "body"}: ${e.message}`).join("; ")}`,
      {
        errors,
      },
    );
  }
}

export class UnauthorizedError extends ProblemError {
  constructor(detail = "Missing or invalid credentials.", code = "unauthorized") {
    super(401, code, detail, { headers: { "www-authenticate": 'Bearer realm="lecture-highlights"' } });
  }
}

export class ForbiddenError extends ProblemError {
  constructor(detail: string, code = "forbidden") {
    super(403, code, detail);
  }
}

export class RateLimitedError extends ProblemError {
  constructor(retryAfterSeconds: number) {
    super(429, "rate_limited", "Too many requests; try again later.", {
      headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    });
  }
}

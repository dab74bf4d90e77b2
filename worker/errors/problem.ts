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
    readonly extra: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      /** Extension members of the problem (RFC 9457 §3.2) beside the standard ones. */
      members?: Record<string, unknown>;
    } = {},
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

/**
 * 403 `forbidden`: the caller's role in the organization does not allow the action, named in
 * the detail so a member knows what to ask an admin for.
 *
 * @example
 * throw new ActionForbiddenError("viewer", "jobs:write"); // "The viewer role may not jobs:write in this organization; …"
 */
export class ActionForbiddenError extends ForbiddenError {
  constructor(role: string, action: string) {
    super(`The ${role} role may not ${action} in this organization; ask an owner or admin for another role.`);
  }
}

/**
 * 410 `outputs_expired`: a completed job whose outputs the bucket's lifecycle rule
 * (`npm run deploy:lifecycle`, `OUTPUT_RETENTION_DAYS`) has deleted. The job row outlives them,
 * so the job still lists; its results cannot come back, and links to them would be broken.
 *
 * @example
 * throw new OutputsExpiredError(job.finishedAt); // "The job's outputs were deleted by the retention policy (finished 2026-01-05)."
 */
export class OutputsExpiredError extends ProblemError {
  constructor(finishedAt: Date | null) {
    const when = finishedAt ? ` (finished ${finishedAt.toISOString().slice(0, 10)})` : "";
    super(
      410,
      "outputs_expired",
      `The job's outputs were deleted by the retention policy${when}; process the lecture again to get new ones.`,
    );
  }
}

/** "45 seconds", "15 minutes": a wait as a person reads it. */
const waitInWords = (seconds: number) =>
  seconds < 120 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;

/**
 * 429 `rate_limited`: the detail and `Retry-After` both say when to try again.
 *
 * @example
 * throw new RateLimitedError(8, "Too many sign-in attempts"); // "…; try again in 8 seconds."
 */
export class RateLimitedError extends ProblemError {
  constructor(retryAfterSeconds: number, what = "Too many requests") {
    const wait = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, "rate_limited", `${what}; try again in ${waitInWords(wait)}.`, {
      headers: { "retry-after": String(wait) },
    });
  }
}

/** YouTube shows chapters only for at least three of 10 s or more; fewer are refused, not half-shown. */
export class TooFewChaptersError extends ProblemError {
  constructor(usable: number) {
    super(
      422,
      "too_few_chapters",
      `YouTube shows chapters only when there are at least 3, each at least 10 seconds long; this lecture has ${usable}. ` +
        "Export WebVTT chapters or the JSON document instead.",
    );
  }
}

/** Expired, revoked and unknown share links answer alike, so a token tells nothing until it works. */
export class ShareNotFoundError extends ProblemError {
  constructor() {
    super(404, "share_not_found", "This share link does not work: it may have expired or been revoked.");
  }
}

/** Results, exports and share links exist only for a completed job. */
export class JobNotCompletedError extends ProblemError {
  constructor(status: string) {
    super(409, "job_not_completed", `The job is ${status}; results exist once it has completed.`);
  }
}

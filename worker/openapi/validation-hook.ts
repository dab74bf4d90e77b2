import type { z } from "zod";
import { type FieldError, ProblemError, ValidationError } from "../errors/problem.ts";
import { unsafeTextFields } from "./text-safety.ts";

/**
 * Turns zod issues into the field list of a `validation_failed` problem; the path names the
 * field as the client sent it (`password`, `scopes.1`, `options.reelSeconds`).
 *
 * @example
 * fieldErrors(schema.safeParse(body).error!); // [{ path: "email", message: "Invalid email address" }]
 */
export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/**
 * The fields a strict schema does not know (`options.maxHighlights`): a typo must fail loudly
 * rather than be ignored, so these answer 422 `unknown_field` before any other problem.
 *
 * @example
 * unknownFields(JobOptions.safeParse({ maxHighlights: 3 }).error!) // [{ path: "maxHighlights", message: "unknown field" }]
 */
export function unknownFields(error: z.core.$ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: [...issue.path.map(String), key].join("."), message: "unknown field" }))
      : [],
  );
}

/**
 * The one validation hook: every route (OpenAPI routes through `createRouter`, plain routes
 * through `zValidator(target, schema, validationHook)`) answers problem+json alike: 422
 * `unknown_field` naming fields a strict schema does not know, else 400 `validation_failed`;
 * valid input whose text the database cannot store (NUL, a lone surrogate) answers 422
 * `invalid_text`, whichever field or metadata key holds it.
 *
 * @example
 * app.post("/x", zValidator("json", schema, validationHook), handler);
 */
export function validationHook(
  result: { success: true; data: unknown } | { success: false; error: z.core.$ZodError },
): void {
  if (result.success) {
    refuseUnsafeText(result.data);
    return;
  }
  const unknown = unknownFields(result.error);
  if (unknown.length > 0) {
    const names = unknown.map((f) => f.path).join(", ");
    throw new ProblemError(422, "unknown_field", `Unknown field${unknown.length > 1 ? "s" : ""}: ${names}.`, {
      errors: unknown,
    });
  }
  throw new ValidationError(fieldErrors(result.error));
}

function refuseUnsafeText(data: unknown): void {
  const unsafe = unsafeTextFields(data);
  if (unsafe.length === 0) return;
  const names = [...new Set(unsafe.map((f) => f.path || "body"))].join(", ");
  throw new ProblemError(422, "invalid_text", `Text may not contain NUL characters or lone surrogates: ${names}.`, {
    errors: unsafe,
  });
}

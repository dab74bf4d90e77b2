import type { z } from "zod";
import { type FieldError, ValidationError } from "../errors/problem.ts";

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
 * The one validation hook: every route (OpenAPI routes through `createRouter`, plain routes
 * through `zValidator(target, schema, validationHook)`) answers 400 problem+json alike.
 *
 * @example
 * app.post("/x", zValidator("json", schema, validationHook), handler);
 */
export function validationHook(result: { success: true } | { success: false; error: z.core.$ZodError }): void {
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
}

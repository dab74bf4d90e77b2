import { ApiError } from "../client/api-request.ts";
import { UploadTransferError } from "../client/upload-client.ts";

export { type FailureExplanation, failureExplanation } from "../../agents/contracts/failure-explanations.ts";

/** One field the API refused, by its path in the request (`options.language`, `filename`). */
export type FieldError = { path: string; message: string };

type Problem = { code?: string; detail?: string; errors?: FieldError[] } | undefined;

/** What the browser's fetch throws when no answer came at all (Chromium, Firefox, Safari). */
const networkFailures = /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/;

export const offlineMessage = "Lecture Highlights cannot be reached. Check your internet connection, then try again.";

/**
 * The field errors of a refused request, each path once (the API may name one field twice).
 *
 * @example
 * fieldErrors(new ApiError(400, "validation_failed", "…", { errors: [{ path: "size", message: "too big" }] }));
 * // [{ path: "size", message: "too big" }]
 */
export function fieldErrors(error: unknown): FieldError[] {
  const problem = (error instanceof ApiError ? error.problem : undefined) as Problem;
  return uniqueFields(problem?.errors ?? []);
}

function uniqueFields(errors: FieldError[]): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const field of errors) if (!seen.has(field.path)) seen.set(field.path, field);
  return [...seen.values()];
}

/**
 * problem+json `detail` as a person reads it. A validation failure's detail already lists every
 * field error, so it is rebuilt from them, each field once, rather than having one appended again.
 *
 * @example
 * problemDetail({ detail: "Invalid request: size: too big", errors: [{ path: "size", message: "too big" }] });
 * // "size: too big"
 */
export function problemDetail(problem: unknown): string | undefined {
  const p = problem as Problem;
  const fields = uniqueFields(p?.errors ?? []);
  if (fields.length)
    return fields.map((field) => (field.path ? `${field.path}: ${field.message}` : field.message)).join("; ");
  return p?.detail;
}

/** The sentence to show for a failure: the problem's `detail` when the API gave one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return problemDetail(error.problem) ?? error.message;
  if (error instanceof UploadTransferError)
    return "The upload was interrupted. Pick the same file again to resume it where it stopped.";
  if (error instanceof TypeError && networkFailures.test(error.message)) return offlineMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Runs page actions one way: clear the old error, act, then `after` (a list refresh); a failure
 * shows its message in `errorBox`.
 */
export function actionRunner(errorBox: HTMLElement, after: () => Promise<void>) {
  return async (action: () => Promise<unknown>): Promise<void> => {
    errorBox.textContent = "";
    try {
      await action();
      await after();
    } catch (failure) {
      errorBox.textContent = errorMessage(failure);
    }
  };
}

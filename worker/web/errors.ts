import { ApiError } from "../client/api-request.ts";
import { UploadTransferError } from "../client/upload-client.ts";
import { problemDetail } from "./session.ts";

/** The sentence to show for a failure: the problem's `detail` when the API gave one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return problemDetail(error.problem) ?? error.message;
  if (error instanceof UploadTransferError)
    return "The upload was interrupted. Pick the same file again to resume it where it stopped.";
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

import { describe, expect, it } from "vitest";
import { jobErrorCodes } from "../../agents/contracts/job.ts";
import { ApiError } from "../client/api-request.ts";
import { errorMessage, failureExplanation, fieldErrors, offlineMessage, problemDetail } from "./errors.ts";

const refusal = (errors: { path: string; message: string }[]) =>
  new ApiError(400, "validation_failed", "Invalid request", {
    code: "validation_failed",
    detail: `Invalid request: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    errors,
  });

describe("web app errors", () => {
  it("names each refused field once, the detail too", () => {
    const error = refusal([
      { path: "filename", message: "must end in one of .mp4, .mov" },
      { path: "size", message: "must be at most 10737418240 bytes" },
      { path: "filename", message: "must end in one of .mp4, .mov" },
    ]);
    expect(fieldErrors(error).map((field) => field.path)).toEqual(["filename", "size"]);
    const message = errorMessage(error);
    expect(message.match(/must end in/g)).toHaveLength(1);
    expect(message.match(/must be at most/g)).toHaveLength(1);
  });

  it("keeps a problem's detail when no field was named", () => {
    expect(problemDetail({ code: "not_found", detail: "The job does not exist." })).toBe("The job does not exist.");
    expect(fieldErrors(new Error("boom"))).toEqual([]);
  });

  it("says in a sentence that the service cannot be reached, whatever the browser's words", () => {
    for (const words of ["Failed to fetch", "NetworkError when attempting to fetch resource.", "Load failed"])
      expect(errorMessage(new TypeError(words))).toBe(offlineMessage);
    expect(errorMessage(new TypeError("x is not a function"))).toBe("x is not a function");
  });

  it("explains every failure code in plain words, and offers another file only when the file was at fault", () => {
    for (const code of jobErrorCodes) expect(failureExplanation(code).sentence).toMatch(/^[A-Z].*\.$/);
    expect(failureExplanation("input_corrupt").anotherFile).toBe(true);
    expect(failureExplanation("media_corrupt_or_unknown").sentence).toBe(failureExplanation("internal").sentence);
    expect(failureExplanation("storage_failed").anotherFile).toBe(false);
  });
});

import { bodyLimit } from "hono/body-limit";
import { ProblemError } from "../../errors/problem.ts";

/** Our JSON bodies are small: media bytes go straight to storage through presigned URLs. */
export const DEFAULT_JSON_BODY_LIMIT = 64 * 1024;

/**
 * Refuses bodies above `maxBytes` with 413 `payload_too_large` before anything parses them,
 * whether or not the client sent an honest Content-Length.
 *
 * @example
 * app.use("/v1/*", jsonBodyLimit());
 */
export function jsonBodyLimit(maxBytes = DEFAULT_JSON_BODY_LIMIT) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ProblemError(413, "payload_too_large", `The request body exceeds ${maxBytes} bytes.`);
    },
  });
}

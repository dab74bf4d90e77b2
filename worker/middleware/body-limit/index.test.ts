import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../env.ts";
import { onError } from "../../errors/on-error.ts";
import { DEFAULT_JSON_BODY_LIMIT, jsonBodyLimit } from "./index.ts";

const app = new Hono<AppEnv>()
  .use(jsonBodyLimit())
  .post("/", async (c) => c.json({ length: JSON.stringify(await c.req.json()).length }))
  .onError(onError);

describe("jsonBodyLimit()", () => {
  it("accepts a body under the limit", async () => {
    const response = await app.request("/", { method: "POST", body: JSON.stringify({ text: "x".repeat(1_000) }) });
    expect(response.status).toBe(200);
  });

  it("answers 413 payload_too_large above the limit, even with a dishonest Content-Length", async () => {
    const body = JSON.stringify({ text: "x".repeat(DEFAULT_JSON_BODY_LIMIT) });
    const honest = await app.request("/", { method: "POST", body });
    expect(honest.status).toBe(413);
    expect(await honest.json()).toMatchObject({ code: "payload_too_large" });
    const stream = new Blob([body]).stream();
    const streamed = await app.request("/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
  });
});

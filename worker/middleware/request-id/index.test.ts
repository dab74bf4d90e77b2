import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../env.ts";
import { requestId } from "./index.ts";

const app = new Hono<AppEnv>().use(requestId()).get("/", (c) => c.text(c.get("requestId")));

describe("requestId", () => {
  it("generates an id and echoes it in x-request-id", async () => {
    const response = await app.request("/");
    const id = await response.text();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-request-id")).toBe(id);
  });

  it("keeps a well-formed incoming id and replaces a hostile one", async () => {
    expect(await (await app.request("/", { headers: { "x-request-id": "trace-abc-123" } })).text()).toBe(
      "trace-abc-123",
    );
    const hostile = await (
      await app.request("/", { headers: { "x-request-id": `"><script>alert(1)</script>${"x".repeat(200)}` } })
    ).text();
    expect(hostile).toMatch(/^[0-9a-f-]{36}$/);
  });
});

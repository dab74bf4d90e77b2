import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../env.ts";
import { requestId } from "../request-id/index.ts";
import { type LogLine, logger } from "./index.ts";

describe("logger", () => {
  it("writes one line per request with its id, status and level, and no query string or headers", async () => {
    const lines: LogLine[] = [];
    const app = new Hono<AppEnv>()
      .use(
        requestId(),
        logger((line) => lines.push(line)),
      )
      .get("/ok", (c) => c.text("ok"))
      .get("/missing", (c) => c.text("no", 404));
    await app.request("/ok?ticket=secret-ticket", { headers: { authorization: "Bearer secret-token" } });
    await app.request("/missing");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: "info", method: "GET", path: "/ok", status: 200 });
    expect(lines[1]).toMatchObject({ level: "warn", path: "/missing", status: 404 });
    expect(JSON.stringify(lines)).not.toMatch(/secret-(ticket|token)/);
  });

  it.each([
    ["/s/secret-share-token", "/s/{token}"],
    ["/v1/shared/secret-share-token", "/v1/shared/{token}"],
    ["/v1/shared/secret-share-token/lecture", "/v1/shared/{token}/lecture"],
  ])("leaves the token of a share link %s out", async (path, logged) => {
    const lines: LogLine[] = [];
    const app = new Hono<AppEnv>()
      .use(
        requestId(),
        logger((line) => lines.push(line)),
      )
      .get("*", (c) => c.text("ok"));
    await app.request(path);
    expect(lines[0]!.path).toBe(logged);
  });
});

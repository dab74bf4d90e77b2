import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv, Env } from "../../env.ts";
import { onError } from "../../errors/on-error.ts";
import { internalHost } from "./index.ts";

const app = new Hono<AppEnv>()
  .use(internalHost())
  .get("/internal/ping", (c) => c.text("pong"))
  .onError(onError);

const request = (url: string, bindings: Partial<Env>) => app.request(url, {}, bindings as Env);

describe("internalHost()", () => {
  it("serves the internal hostname and answers 404 problem+json on any other", async () => {
    const bindings = { INTERNAL_BASE_URL: "https://internal.example.com" };
    expect(await (await request("https://internal.example.com/internal/ping", bindings)).text()).toBe("pong");
    for (const url of ["https://api.example.com/internal/ping", "https://internal.example.com:8443/internal/ping"]) {
      const response = await request(url, bindings);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("serves no host at all when INTERNAL_BASE_URL is unset", async () => {
    expect((await request("https://internal.example.com/internal/ping", {})).status).toBe(404);
  });
});

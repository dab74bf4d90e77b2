import { env } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { Auth } from "../../auth/caller.ts";
import type { AppEnv } from "../../env.ts";
import { onError } from "../../errors/on-error.ts";
import { byUser, rateLimit } from "./index.ts";

function appLimitedTo(limit: number, windowSeconds: number) {
  const rule = { name: `test-${crypto.randomUUID()}`, limit, windowSeconds };
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      const userId = c.req.header("x-user") ?? "nobody";
      c.set("auth", { userId, organizationId: userId, role: "owner", kind: "user", scopes: new Set() } satisfies Auth);
      await next();
    })
    .post("/by-address", rateLimit(rule), (c) => c.text("ok"))
    .post("/by-user", rateLimit(rule, byUser), (c) => c.text("ok"))
    .onError(onError);
}

const send = (app: ReturnType<typeof appLimitedTo>, path: string, headers: Record<string, string>) =>
  app.request(path, { method: "POST", headers }, env);

describe("rateLimit()", () => {
  it("lets `limit` requests of one address through and answers the next with 429 and Retry-After", async () => {
    const app = appLimitedTo(3, 60);
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await send(app, "/by-address", { "cf-connecting-ip": "192.0.2.1" })).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await send(app, "/by-address", { "cf-connecting-ip": "192.0.2.1" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(55);
    expect(await limited.json()).toMatchObject({ code: "rate_limited" });
    expect((await send(app, "/by-address", { "cf-connecting-ip": "192.0.2.2" })).status).toBe(200);
  });

  it("keys by user for per-account limits such as job creation", async () => {
    const app = appLimitedTo(1, 60);
    expect((await send(app, "/by-user", { "x-user": "alice" })).status).toBe(200);
    expect((await send(app, "/by-user", { "x-user": "alice" })).status).toBe(429);
    expect((await send(app, "/by-user", { "x-user": "bob" })).status).toBe(200);
  });

  it("reopens when the window has slid past the earlier requests", async () => {
    const app = appLimitedTo(1, 1);
    expect((await send(app, "/by-address", { "cf-connecting-ip": "192.0.2.3" })).status).toBe(200);
    const limited = await send(app, "/by-address", { "cf-connecting-ip": "192.0.2.3" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await send(app, "/by-address", { "cf-connecting-ip": "192.0.2.3" })).status).toBe(200);
  });
});

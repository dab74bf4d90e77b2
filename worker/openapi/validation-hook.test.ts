import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppEnv } from "../env.ts";
import { onError } from "../errors/on-error.ts";
import { validationHook } from "./validation-hook.ts";

const schema = z.object({ options: z.object({ count: z.number().int().min(1) }), tags: z.array(z.string()) });
const app = new Hono<AppEnv>()
  .post("/", zValidator("json", schema, validationHook), (c) => c.json(c.req.valid("json")))
  .get("/", zValidator("query", z.object({ status: z.enum(["queued", "done"]) }), validationHook), (c) => c.text("ok"))
  .onError(onError);

describe("validationHook", () => {
  it("turns zod issues of a plain zValidator route into validation_failed with field paths", async () => {
    const response = await app.request("/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ options: { count: 0 }, tags: ["a", 2] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({
      code: "validation_failed",
      errors: [
        { path: "options.count", message: expect.any(String) },
        { path: "tags.1", message: expect.any(String) },
      ],
    });
  });

  it("names query parameters too", async () => {
    const response = await app.request("/?status=lost");
    expect(await response.json()).toMatchObject({ code: "validation_failed", errors: [{ path: "status" }] });
  });
});

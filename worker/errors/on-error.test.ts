import { env } from "cloudflare:test";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../app.ts";
import type { AppEnv } from "../env.ts";
import { requestId } from "../middleware/request-id/index.ts";
import { onError } from "./on-error.ts";
import { NotFoundError, ValidationError } from "./problem.ts";

function appThrowing(error: Error) {
  const app = new Hono<AppEnv>().use(requestId());
  app.get("/boom", () => {
    throw error;
  });
  app.post("/small", bodyLimit({ maxSize: 8 }), (c) => c.text("ok"));
  app.onError(onError);
  return app;
}

describe("problem+json errors", () => {
  it("renders typed errors with their status, stable code and the request id", async () => {
    const response = await appThrowing(new NotFoundError("job")).request("/boom", {
      headers: { "x-request-id": "req-12345678" },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "https://lecture-highlights.dev/problems/not_found",
      title: "Not Found",
      status: 404,
      code: "not_found",
      detail: "The job does not exist.",
      instance: "/boom",
      requestId: "req-12345678",
    });
  });

  it("names the offending fields of a validation error", async () => {
    const response = await appThrowing(new ValidationError([{ path: "size", message: "must be positive" }])).request(
      "/boom",
    );
    expect(await response.json()).toMatchObject({ status: 400, code: "validation_failed", errors: [{ path: "size" }] });
  });

  it("hides internals of unexpected errors", async () => {
    const response = await appThrowing(new Error("password=hunter2 at db.ts:12")).request("/boom");
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({ code: "internal_error" });
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("db.ts");
  });

  it("never logs the parameters of a failed database query (hashes, emails)", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const failure = new DrizzleQueryError(
      "insert into users (email, password_hash) values ($1, $2)",
      ["ada@example.com", "pbkdf2-sha256$100000$c2FsdA==$aGFzaA=="],
      new Error("connection refused"),
    );
    const response = await appThrowing(failure).request("/boom");
    const lines = logged.mock.calls.map((call) => String(call[0])).join("\n");
    logged.mockRestore();
    expect(response.status).toBe(500);
    expect(lines).toContain("connection refused");
    expect(lines).toContain("insert into users");
    expect(lines).not.toContain("ada@example.com");
    expect(lines).not.toContain("pbkdf2");
  });

  it("maps an oversized body to 413 payload_too_large", async () => {
    const response = await appThrowing(new Error("unused")).request("/small", { method: "POST", body: "x".repeat(64) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: "payload_too_large" });
  });

  it("answers unknown routes with a 404 in the same shape", async () => {
    const response = await createApp().request("/v1/nothing-here", {}, env);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "not_found", instance: "/v1/nothing-here" });
  });
});

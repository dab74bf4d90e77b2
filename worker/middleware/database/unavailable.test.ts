import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase } from "../../../test/support/worker/accounts.ts";
import { createApp } from "../../app.ts";

/** The same cluster's address with the port moved to one where no PostgreSQL listens. */
function deadDatabaseUrl(): string {
  const url = new URL(env.DATABASE_URL);
  url.port = "1";
  return url.toString();
}

describe("an unreachable database", () => {
  it("answers 503 database_unavailable with Retry-After, promptly, instead of 500", async () => {
    const app = createApp();
    const ctx = createExecutionContext();
    const started = Date.now();
    const response = await app.request(
      `${apiBase}/v1/auth/login`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "10.9.9.9" },
        body: JSON.stringify({ email: "nobody@example.com", password: "correct horse battery" }),
      },
      { ...env, DATABASE_URL: deadDatabaseUrl() },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ code: "database_unavailable" });
    // Bounded by the connection timeout, not by the client's patience (generous for a loaded machine).
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

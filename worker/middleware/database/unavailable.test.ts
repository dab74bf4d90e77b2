import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiBase, authHeaders, registerUser } from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { insertJob } from "../../../test/support/worker/jobs.ts";
import { configureReceiver, receivedOn, receiverPath } from "../../../test/support/worker/webhooks.ts";
import { createApp } from "../../app.ts";

/**
 * An outage must end in a 503 the client can wait out, never in a request that hangs: these
 * tests have no clock of their own; a request that hung would fail them by the test timeout.
 */

/** The same cluster's address with the port moved to one where no PostgreSQL listens. */
function deadDatabaseUrl(): string {
  const url = new URL(env.DATABASE_URL);
  url.port = "1";
  return url.toString();
}

const login = {
  method: "POST",
  headers: { "content-type": "application/json", "cf-connecting-ip": "10.9.9.9" },
  body: JSON.stringify({ email: "nobody@example.com", password: "correct horse battery" }),
};

async function request(path: string, init: RequestInit, overrides: Partial<typeof env> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await createApp().request(`${apiBase}${path}`, init, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function expectUnavailable(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await response.json()).toMatchObject({ code: "database_unavailable" });
}

describe("an unreachable database", () => {
  it("answers 503 database_unavailable with Retry-After instead of 500", async () => {
    await expectUnavailable(await request("/v1/auth/login", login, { DATABASE_URL: deadDatabaseUrl() }));
  });
});

describe("a stalled database", () => {
  it("answers 503 when the bridge accepts the connection and never answers", async () => {
    // A path of the test receiver stands in for the bridge: it takes the WebSocket request and
    // holds it without a reply for far longer than any test runs.
    const { name, url } = receiverPath();
    await configureReceiver(name, { delayMs: 30 * 60_000 });
    const bridge = url.replace(/^http:/, "ws:");
    await expectUnavailable(await request("/v1/auth/login", login, { NEON_WS_PROXY: bridge }));
    expect((await receivedOn(name)).map((held) => held.path)).toEqual([`/hooks/${name}/v2`]);
  });

  it("answers 503 when a query gets no answer on an open connection", async () => {
    // The connection is up and the query reaches PostgreSQL, which holds it behind this test's
    // row lock: to the Worker that is a database gone silent mid-request.
    const alice = await registerUser();
    const job = await insertJob({ userId: alice.userId });
    const rename = {
      method: "PATCH",
      headers: { ...authHeaders(alice.accessToken), "content-type": "application/json" },
      body: JSON.stringify({ name: "Renamed while locked" }),
    };
    const response = await withTestDatabase((db) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select id from jobs where id = ${job.id} for update`);
        return request(`/v1/jobs/${job.id}`, rename);
      }),
    );
    await expectUnavailable(response);
  });
});

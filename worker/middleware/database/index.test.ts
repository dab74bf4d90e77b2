import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../env.ts";
import { database } from "./index.ts";

describe("database middleware (Neon serverless driver inside workerd)", () => {
  it("reaches PostgreSQL and sees the migrated schema", async () => {
    const app = new Hono<AppEnv>().use(database()).get("/", async (c) => {
      const result = await c.var
        .db()
        .execute<{ tables: string[] }>(
          sql`select array_agg(table_name::text order by table_name) as tables from information_schema.tables where table_schema = 'public'`,
        );
      return c.json(result.rows[0]);
    });
    const ctx = createExecutionContext();
    const response = await app.request("/", {}, env, ctx);
    await waitOnExecutionContext(ctx);
    const { tables } = (await response.json()) as { tables: string[] };
    expect(tables).toEqual(
      expect.arrayContaining([
        "users",
        "jobs",
        "uploads",
        "webhook_endpoints",
        "webhook_deliveries",
        "idempotency_keys",
      ]),
    );
  });

  it("opens no connection for a request that does not use the database", async () => {
    const app = new Hono<AppEnv>().use(database()).get("/", (c) => c.text("no db"));
    const ctx = createExecutionContext();
    const response = await app.request("/", {}, { ...env, DATABASE_URL: "postgres://nobody@127.0.0.1:9/none" }, ctx);
    await waitOnExecutionContext(ctx);
    expect(await response.text()).toBe("no db");
  });
});

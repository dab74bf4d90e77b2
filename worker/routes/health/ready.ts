import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { Bucket } from "../../storage/bucket.ts";

type PartStatus = { status: "ok" | "down"; latencyMs: number; error?: string };

const timeoutMs = 3_000;

async function probe(check: () => Promise<unknown>): Promise<PartStatus> {
  const started = Date.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { status: "ok", latencyMs: Date.now() - started };
  } catch (error) {
    return { status: "down", latencyMs: Date.now() - started, error: (error as Error).message };
  }
}

/**
 * Readiness: every part a job needs answers. 503 names the part that does not, so an operator
 * (or the launcher) knows where to look.
 */
export const ready = new Hono<AppEnv>().get("/", async (c) => {
  const [database, storage, mediaWorker] = await Promise.all([
    probe(() => c.var.db().execute(sql`select 1`)),
    probe(() => new Bucket(c.env).check()),
    probe(async () => {
      const response = await fetch(new URL("/health", c.env.MEDIA_WORKER_URL));
      if (!response.ok) throw new Error(`media worker answered ${response.status}`);
    }),
  ]);
  const parts = { database, storage, mediaWorker };
  const down = Object.entries(parts)
    .filter(([, part]) => part.status === "down")
    .map(([name]) => name);
  return c.json({ status: down.length === 0 ? "ok" : "down", down, parts }, down.length === 0 ? 200 : 503);
});

import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { mediaFleet } from "../../jobs/media-fleet.ts";
import { jsonContent, publicSecurity } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
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

const partSchema = z.object({ status: z.enum(["ok", "down"]), latencyMs: z.number(), error: z.string().optional() });
const readinessSchema = z
  .object({
    status: z.enum(["ok", "down"]),
    down: z.array(z.string()),
    parts: z.object({ database: partSchema, storage: partSchema, mediaWorker: partSchema }),
  })
  .openapi("Readiness");

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["Health"],
  security: publicSecurity,
  summary: "Readiness: database, storage and media worker reachable",
  responses: {
    200: jsonContent(readinessSchema, "Every part answers."),
    503: jsonContent(readinessSchema, "`down` names the parts that do not."),
  },
});

/**
 * Readiness: every part a job needs answers. 503 names the part that does not, so an operator
 * (or the launcher) knows where to look.
 */
export const ready = createRouter().openapi(route, async (c) => {
  const [database, storage, mediaWorker] = await Promise.all([
    probe(() => c.var.db().execute(sql`select 1`)),
    probe(() => new Bucket(c.env).check()),
    probe(() => mediaFleet(c.env).probe()),
  ]);
  const parts = { database, storage, mediaWorker };
  const down = Object.entries(parts)
    .filter(([, part]) => part.status === "down")
    .map(([name]) => name);
  if (down.length > 0) return c.json({ status: "down" as const, down, parts }, 503);
  return c.json({ status: "ok" as const, down, parts }, 200);
});

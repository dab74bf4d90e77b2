import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { bearerMatches } from "../../../agents/contracts/constant-time.ts";
import type { Env } from "../../env.ts";
import { mediaFleet } from "../../jobs/media-fleet.ts";
import { jsonContent, publicSecurity } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { Bucket } from "../../storage/bucket.ts";

type PartStatus = { status: "ok" | "down"; latencyMs: number; error?: string };

const timeoutMs = 3_000;
/** A flood of readiness requests costs one round of checks per isolate this often. */
const cacheMs = 5_000;

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
    down: z.array(z.string()).optional(),
    parts: z.object({ database: partSchema, storage: partSchema, mediaWorker: partSchema }).optional(),
  })
  .openapi("Readiness");
type Readiness = { status: "ok" | "down"; down: string[]; parts: Record<string, PartStatus> };

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["Health"],
  security: publicSecurity,
  summary: "Readiness: database, storage and media worker reachable",
  responses: {
    200: jsonContent(readinessSchema, "Every part answers; `down` and `parts` only for the operator token."),
    503: jsonContent(
      readinessSchema,
      "A part does not answer; for the operator token, `down` names it and `parts` say why.",
    ),
  },
});

/** The last round of checks, per isolate, for the configuration it checked. */
let cached: { key: string; at: number; result: Promise<Readiness> } | undefined;

function checkParts(env: Env, db: () => { execute: (query: ReturnType<typeof sql>) => Promise<unknown> }) {
  return Promise.all([
    probe(() => db().execute(sql`select 1`)),
    probe(() => new Bucket(env).check()),
    probe(() => mediaFleet(env).probe()),
  ]).then(([database, storage, mediaWorker]): Readiness => {
    const parts = { database, storage, mediaWorker };
    const down = Object.entries(parts)
      .filter(([, part]) => part.status === "down")
      .map(([name]) => name);
    return { status: down.length > 0 ? "down" : "ok", down, parts };
  });
}

/**
 * Readiness: every part a job needs answers. Anyone sees the status; the operator token
 * (`Authorization: Bearer <OPERATOR_TOKEN>`) also sees which part is down and why. Checks are
 * shared for a few seconds, so a flood costs one database query, one S3 HEAD and one fetch.
 */
export const ready = createRouter().openapi(route, async (c) => {
  const key = [
    c.env.DATABASE_URL,
    c.env.S3_ENDPOINT,
    c.env.S3_SECRET_ACCESS_KEY,
    c.env.MEDIA_FLEET,
    c.env.MEDIA_WORKER_URL,
  ].join("|");
  if (!cached || cached.key !== key || Date.now() - cached.at > cacheMs)
    cached = { key, at: Date.now(), result: checkParts(c.env, c.var.db) };
  const readiness = await cached.result;
  const code = readiness.status === "ok" ? 200 : 503;
  if (bearerMatches(c.req.header("authorization"), c.env.OPERATOR_TOKEN)) return c.json(readiness, code);
  return c.json({ status: readiness.status }, code);
});

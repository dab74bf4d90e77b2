import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  INTERNAL_SIGNATURE_HEADER,
  INTERNAL_TOLERANCE_SECONDS,
  type InternalCall,
  signInternalRequest,
} from "../../../agents/contracts/internal-auth.ts";
import type { AppEnv } from "../../env.ts";
import { onError } from "../../errors/on-error.ts";
import { database } from "../database/index.ts";
import { internalSignature } from "./index.ts";

// The handler parses the body again: the middleware's raw read must not consume it.
const app = new Hono<AppEnv>()
  .use(database())
  .post("/jobs/:id/events", internalSignature(), async (c) => c.json({ received: await c.req.json() }))
  .onError(onError);

const jobId = crypto.randomUUID();
const path = `/jobs/${jobId}/events`;
const body = JSON.stringify({ jobId, attempt: 1, type: "progress", stage: "transcription", progress: 0.5 });
const call: InternalCall = { method: "POST", target: path, body, jobId, attempt: 1 };

async function post(text: string, headers: Record<string, string>, target = path) {
  const ctx = createExecutionContext();
  const response = await app.request(target, { method: "POST", body: text, headers }, env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function expectRefused(response: Response, reason: string) {
  expect(response.status).toBe(401);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const problem = (await response.json()) as { code: string; detail: string };
  expect(problem.code).toBe("invalid_signature");
  expect(problem.detail).toContain(reason);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sign = (secret = env.MEDIA_WORKER_SECRET, at = nowSeconds()) => signInternalRequest(secret, call, at);

describe("internalSignature()", () => {
  it("passes a request signed over its method, path and exact body, and the handler still reads it", async () => {
    const response = await post(body, await sign());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: JSON.parse(body) });
  });

  it("refuses a body, path or timestamp changed after signing", async () => {
    await expectRefused(await post(body.replace("0.5", "0.9"), await sign()), "mismatch");
    await expectRefused(await post(body, await sign(), `${path}?seq=9`), "mismatch");
    const headers = await sign();
    const shifted = headers[INTERNAL_SIGNATURE_HEADER]!.replace(/,t=(\d+)/, (_, t: string) => `,t=${Number(t) + 1}`);
    await expectRefused(await post(body, { ...headers, [INTERNAL_SIGNATURE_HEADER]: shifted }), "mismatch");
  });

  it("refuses the same signed request twice (a replay) and one older than the tolerance", async () => {
    const headers = await sign();
    expect((await post(body, headers)).status).toBe(200);
    await expectRefused(await post(body, headers), "replayed");
    await expectRefused(
      await post(body, await sign(undefined, nowSeconds() - INTERNAL_TOLERANCE_SECONDS - 60)),
      "expired",
    );
  });

  it("refuses a signature made with another secret, a missing header and a malformed one", async () => {
    await expectRefused(await post(body, await sign("another-secret")), "mismatch");
    await expectRefused(await post(body, { "content-type": "application/json" }), "missing");
    await expectRefused(await post(body, { [INTERNAL_SIGNATURE_HEADER]: "t=1,v1=nothex" }), "malformed");
  });
});

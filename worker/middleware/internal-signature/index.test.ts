import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  INTERNAL_SIGNATURE_HEADER,
  INTERNAL_TOLERANCE_SECONDS,
  signInternalRequest,
} from "../../../agents/contracts/internal-auth.ts";
import type { AppEnv, Env } from "../../env.ts";
import { onError } from "../../errors/on-error.ts";
import { internalSignature } from "./index.ts";

const secret = "media-worker-secret-for-this-test";
const bindings = { MEDIA_WORKER_SECRET: secret } as Env;
const body = JSON.stringify({ type: "progress", stage: "transcribe", fraction: 0.5 });

// The handler parses the body again: the middleware's raw read must not consume it.
const app = new Hono<AppEnv>()
  .use(internalSignature())
  .post("/", async (c) => c.json({ received: await c.req.json() }))
  .onError(onError);

const post = (text: string, headers: Record<string, string>) =>
  app.request("/", { method: "POST", body: text, headers }, bindings);

async function expectRefused(response: Response, reason: string) {
  expect(response.status).toBe(401);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const problem = (await response.json()) as { code: string; detail: string };
  expect(problem.code).toBe("invalid_signature");
  expect(problem.detail).toContain(reason);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("internalSignature()", () => {
  it("passes a request signed with the secret over its exact body, and the handler still reads it", async () => {
    const response = await post(body, await signInternalRequest(secret, body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: JSON.parse(body) });
  });

  it("refuses a body changed after signing", async () => {
    const headers = await signInternalRequest(secret, body);
    await expectRefused(await post(body.replace("0.5", "0.9"), headers), "mismatch");
  });

  it("refuses a timestamp changed after signing", async () => {
    const headers = await signInternalRequest(secret, body);
    const signature = headers[INTERNAL_SIGNATURE_HEADER]!;
    const shifted = signature.replace(/^t=(\d+)/, (_, t: string) => `t=${Number(t) + 1}`);
    await expectRefused(await post(body, { ...headers, [INTERNAL_SIGNATURE_HEADER]: shifted }), "mismatch");
  });

  it("refuses a correct signature older than the tolerance (a replay)", async () => {
    const headers = await signInternalRequest(secret, body, nowSeconds() - INTERNAL_TOLERANCE_SECONDS - 60);
    await expectRefused(await post(body, headers), "expired");
  });

  it("refuses a signature made with another secret", async () => {
    await expectRefused(await post(body, await signInternalRequest("another-secret", body)), "mismatch");
  });

  it("refuses a request without the header, or with a malformed one", async () => {
    await expectRefused(await post(body, { "content-type": "application/json" }), "missing");
    await expectRefused(await post(body, { [INTERNAL_SIGNATURE_HEADER]: "t=1,v1=nothex" }), "malformed");
  });
});

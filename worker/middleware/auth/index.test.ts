import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { Hono } from "hono";
import { Jwt } from "hono/utils/jwt";
import { describe, expect, it } from "vitest";
import { apiBase, createApiKey, registerUser } from "../../../test/support/worker/accounts.ts";
import { accessTokenClaims } from "../../auth/access-token.ts";
import type { AppEnv } from "../../env.ts";
import { onError } from "../../errors/on-error.ts";
import { database } from "../database/index.ts";
import { authenticate, authorize } from "./index.ts";

const app = new Hono<AppEnv>()
  .use(database(), authenticate())
  .get("/whoami", (c) => c.json({ ...c.var.auth, scopes: [...c.var.auth.scopes] }))
  .get("/jobs", authorize("jobs:read"), (c) => c.text("jobs"))
  .get("/keys", authorize("api_keys:manage"), (c) => c.text("keys"))
  .onError(onError);

async function call(path: string, authorization?: string) {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const response = await app.request(`${apiBase}${path}`, { headers }, env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const base64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

function claimsFor(userId: string, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: userId,
    iss: accessTokenClaims.issuer,
    aud: accessTokenClaims.audience,
    iat: now,
    exp: now + 600,
    ...overrides,
  };
}

async function expectUnauthorized(response: Response, code = "unauthorized") {
  expect(response.status).toBe(401);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.headers.get("www-authenticate")).toContain("Bearer");
  expect(await response.json()).toMatchObject({ status: 401, code });
}

describe("authenticate()", () => {
  it("accepts a user's access token with every scope", async () => {
    const user = await registerUser();
    const response = await call("/whoami", `Bearer ${user.accessToken}`);
    expect(await response.json()).toEqual({
      userId: user.userId,
      organizationId: user.userId,
      role: "owner",
      kind: "user",
      scopes: ["jobs:read", "jobs:write", "uploads:write", "webhooks:manage"],
    });
  });

  it("accepts an API key with exactly its scopes", async () => {
    const user = await registerUser();
    const { key } = await createApiKey(user.accessToken, ["jobs:read", "uploads:write"]);
    const response = await call("/whoami", `Bearer ${key}`);
    expect(await response.json()).toEqual({
      userId: user.userId,
      organizationId: user.userId,
      role: "owner",
      kind: "api_key",
      scopes: ["jobs:read", "uploads:write"],
    });
  });

  it("answers 401 without credentials, with another scheme, and with an unknown API key", async () => {
    await expectUnauthorized(await call("/whoami"));
    await expectUnauthorized(await call("/whoami", "Basic dXNlcjpwYXNz"));
    await expectUnauthorized(await call("/whoami", "Bearer lh_live_doesnotexist0000000000000000000000000000"));
  });

  it("rejects tampered, expired, wrong-audience, wrong-issuer, alg:none and HS512 tokens", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const [header, , signature] = alice.accessToken.split(".");
    const tampered = `${header}.${base64url(claimsFor(bob.userId))}.${signature}`;
    const sign = (claims: Record<string, unknown>, alg: "HS256" | "HS512" = "HS256") =>
      Jwt.sign(claims, env.JWT_SECRET, alg);
    const expired = await sign(claimsFor(alice.userId, { iat: 1_700_000_000, exp: 1_700_000_900 }));
    const wrongAudience = await sign(claimsFor(alice.userId, { aud: "someone-else" }));
    const wrongIssuer = await sign(claimsFor(alice.userId, { iss: "someone-else" }));
    const withoutExpiry = await sign(claimsFor(alice.userId, { exp: undefined }));
    const otherSecret = await Jwt.sign(claimsFor(alice.userId), "x".repeat(40), "HS256");
    const algNone = `${base64url({ alg: "none", typ: "JWT" })}.${base64url(claimsFor(alice.userId))}.`;
    const hs512 = await sign(claimsFor(alice.userId), "HS512");

    await expectUnauthorized(await call("/whoami", `Bearer ${tampered}`));
    await expectUnauthorized(await call("/whoami", `Bearer ${expired}`), "token_expired");
    for (const token of [wrongAudience, wrongIssuer, withoutExpiry, otherSecret, algNone, hs512]) {
      await expectUnauthorized(await call("/whoami", `Bearer ${token}`));
    }
    // The genuine token still works: the rejections above are about the token, not the user.
    expect((await call("/whoami", `Bearer ${alice.accessToken}`)).status).toBe(200);
  });
});

describe("authorize() for API keys", () => {
  it("answers 403 insufficient_scope for an API key without the scope", async () => {
    const user = await registerUser();
    const { key } = await createApiKey(user.accessToken, ["uploads:write"]);
    const response = await call("/jobs", `Bearer ${key}`);
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "insufficient_scope" });
    const allowed = await createApiKey(user.accessToken, ["jobs:read"]);
    expect((await call("/jobs", `Bearer ${allowed.key}`)).status).toBe(200);
    expect((await call("/jobs", `Bearer ${user.accessToken}`)).status).toBe(200);
  });

  it("keeps API keys out of user-token-only routes", async () => {
    const user = await registerUser();
    const { key } = await createApiKey(user.accessToken, [
      "jobs:read",
      "jobs:write",
      "uploads:write",
      "webhooks:manage",
    ]);
    const response = await call("/keys", `Bearer ${key}`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "user_token_required" });
    expect((await call("/keys", `Bearer ${user.accessToken}`)).status).toBe(200);
  });
});

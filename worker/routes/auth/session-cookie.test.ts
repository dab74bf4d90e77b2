import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase, authHeaders, registerUser, uniqueAddress } from "../../../test/support/worker/accounts.ts";

type Answer = { status: number; body: Record<string, unknown>; cookie: string | null };

/** A POST to an auth route as the web app sends it: JSON, from a page of `origin`, with `cookie` if any. */
async function post(
  path: string,
  body: unknown,
  { origin = apiBase, cookie, base = apiBase }: { origin?: string | null; cookie?: string; base?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json", "cf-connecting-ip": uniqueAddress() };
  if (origin) headers.origin = origin;
  if (cookie) headers.cookie = cookie;
  const response = await SELF.fetch(`${base}/v1/auth/${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, cookie: response.headers.get("set-cookie") };
}

/** `lh_refresh=<token>` from a Set-Cookie header, as the browser sends it back. */
const sentBack = (setCookie: string | null) => {
  const pair = setCookie?.split(";")[0];
  if (!pair?.startsWith("lh_refresh=") || pair === "lh_refresh=") throw new Error(`no refresh cookie in ${setCookie}`);
  return pair;
};

async function signInWithCookie() {
  const user = await registerUser();
  const answer = await post("login", { email: user.email, password: user.password, tokenDelivery: "cookie" });
  expect(answer.status).toBe(200);
  return { user, answer, cookie: sentBack(answer.cookie) };
}

describe("the refresh token in a cookie (the web app)", () => {
  it("is set HttpOnly, Secure, SameSite=Strict on /v1/auth, and kept out of the body", async () => {
    const { user, answer } = await signInWithCookie();
    expect(answer.body).not.toHaveProperty("refreshToken");
    expect(answer.body).toMatchObject({ user: { id: user.userId }, tokenType: "Bearer", expiresIn: 900 });
    const attributes = answer.cookie!.split(";").map((part) => part.trim());
    expect(attributes).toEqual(
      expect.arrayContaining(["Path=/v1/auth", "HttpOnly", "Secure", "SameSite=Strict", "Max-Age=2592000"]),
    );
    expect(attributes[0]).toMatch(/^lh_refresh=[A-Za-z0-9_-]{43}$/);
  });

  it("is not Secure on the local stack's plain http loopback address only", async () => {
    const local = await registerUser();
    const body = { email: local.email, password: local.password, tokenDelivery: "cookie" };
    const loopback = await post("login", body, { base: "http://127.0.0.1:8787", origin: "http://127.0.0.1:8787" });
    expect(loopback.status).toBe(200);
    expect(loopback.cookie).not.toMatch(/;\s*Secure/i);
    const elsewhere = await post("login", body, { base: "http://lan.example:8787", origin: "http://lan.example:8787" });
    expect(elsewhere.cookie).toMatch(/;\s*Secure/i);
  });

  it("refreshes from the cookie: a new access token in the body, the rotated token in the cookie", async () => {
    const { cookie } = await signInWithCookie();
    const next = await post("refresh", {}, { cookie });
    expect(next.status).toBe(200);
    expect(next.body).not.toHaveProperty("refreshToken");
    expect(sentBack(next.cookie)).not.toBe(cookie);
    const me = await SELF.fetch(`${apiBase}/v1/me`, { headers: authHeaders(next.body.accessToken as string) });
    expect(me.status).toBe(200);
    expect((await post("refresh", {}, { cookie: sentBack(next.cookie) })).status).toBe(200);
  });

  it("refuses a cookie sent from another origin or without one (CSRF), and leaves the session working", async () => {
    const { user, cookie } = await signInWithCookie();
    for (const origin of ["https://evil.example", null]) {
      const refused = await post("refresh", {}, { origin, cookie });
      expect(refused).toMatchObject({ status: 403, body: { code: "origin_mismatch" }, cookie: null });
      expect(await post("logout", {}, { origin, cookie })).toMatchObject({ status: 403, cookie: null });
      const forgedSignIn = await post(
        "login",
        { email: user.email, password: user.password, tokenDelivery: "cookie" },
        { origin },
      );
      expect(forgedSignIn).toMatchObject({ status: 403, body: { code: "origin_mismatch" }, cookie: null });
    }
    expect((await post("refresh", {}, { cookie })).status).toBe(200);
  });

  it("clears a cookie that comes back after its token was used, and the whole session dies", async () => {
    const { cookie } = await signInWithCookie();
    const next = await post("refresh", {}, { cookie });
    const reused = await post("refresh", {}, { cookie });
    expect(reused).toMatchObject({ status: 401, body: { code: "refresh_token_reused" } });
    expect(reused.cookie).toMatch(/^lh_refresh=; Max-Age=0; Path=\/v1\/auth;/);
    expect((await post("refresh", {}, { cookie: sentBack(next.cookie) })).status).toBe(401);
  });

  it("logs out: the cookie is cleared and its token no longer refreshes", async () => {
    const { cookie } = await signInWithCookie();
    const out = await post("logout", {}, { cookie });
    expect(out.status).toBe(204);
    expect(out.cookie).toMatch(/^lh_refresh=; Max-Age=0; Path=\/v1\/auth;/);
    expect(await post("refresh", {}, { cookie })).toMatchObject({
      status: 401,
      body: { code: "invalid_refresh_token" },
    });
  });

  it("answers 401 to a refresh with neither a token nor a cookie", async () => {
    expect(await post("refresh", {})).toMatchObject({ status: 401, body: { code: "invalid_refresh_token" } });
  });

  it("leaves API clients as they were: without tokenDelivery the token is in the body and no cookie is set", async () => {
    const user = await registerUser();
    const answer = await post("login", { email: user.email, password: user.password }, { origin: null });
    expect(answer.status).toBe(200);
    expect(answer.body.refreshToken).toEqual(expect.any(String));
    expect(answer.cookie).toBeNull();
    const next = await post("refresh", { refreshToken: answer.body.refreshToken }, { origin: null });
    expect(next).toMatchObject({ status: 200, cookie: null, body: { refreshToken: expect.any(String) } });
  });
});

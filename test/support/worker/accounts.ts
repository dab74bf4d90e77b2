import { SELF } from "cloudflare:test";
import type { Scope } from "../../../worker/auth/scopes.ts";

/** Base URL for `SELF.fetch` in workerd tests; any host reaches the Worker. */
export const apiBase = "https://api.test";

export type TestUser = { userId: string; email: string; password: string; accessToken: string; refreshToken: string };

/**
 * An address of its own for each caller, so per-address rate limits of one test never trip
 * another's. Sent as `CF-Connecting-IP`, which Cloudflare sets in production.
 *
 * @example
 * await SELF.fetch(url, { headers: { "cf-connecting-ip": uniqueAddress() } });
 */
export function uniqueAddress(): string {
  const [a, b, c] = crypto.getRandomValues(new Uint8Array(3));
  return `10.${a}.${b}.${c}`;
}

/** A fresh, never-registered email: tests share one database, so none may assume an empty table. */
export function uniqueEmail(): string {
  return `user-${crypto.randomUUID()}@example.com`;
}

/** Headers for a JSON request with a bearer credential (access token or API key). */
export function authHeaders(credential: string): Record<string, string> {
  return { authorization: `Bearer ${credential}`, "content-type": "application/json" };
}

/**
 * POSTs JSON to the Worker and fails the test with the problem body unless the status matches.
 *
 * @example
 * const body = await postJson<{ id: string }>("/v1/api-keys", { name: "ci", scopes: ["jobs:read"] }, 201, token);
 */
export async function postJson<T>(
  path: string,
  body: unknown,
  expectedStatus: number,
  credential?: string,
): Promise<T> {
  const response = await SELF.fetch(`${apiBase}${path}`, {
    method: "POST",
    headers: {
      ...(credential ? authHeaders(credential) : { "content-type": "application/json" }),
      "cf-connecting-ip": uniqueAddress(),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expectedStatus) {
    throw new Error(`POST ${path} answered ${response.status}, expected ${expectedStatus}: ${text}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Registers a new user through `POST /v1/auth/register` (random email, own address).
 *
 * @example
 * const alice = await registerUser();
 * await SELF.fetch(`${apiBase}/v1/me`, { headers: authHeaders(alice.accessToken) });
 */
export async function registerUser(): Promise<TestUser> {
  const email = uniqueEmail();
  const password = `pw-${crypto.randomUUID()}`;
  const session = await postJson<{ user: { id: string }; accessToken: string; refreshToken: string }>(
    "/v1/auth/register",
    { email, password },
    201,
  );
  return {
    userId: session.user.id,
    email,
    password,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
  };
}

/**
 * Creates an API key for the user of `accessToken` through `POST /v1/api-keys`.
 *
 * @example
 * const { key } = await createApiKey(alice.accessToken, ["jobs:read"]);
 */
export async function createApiKey(
  accessToken: string,
  scopes: readonly Scope[],
  name = "test key",
): Promise<{ id: string; key: string; prefix: string; scopes: Scope[] }> {
  return postJson("/v1/api-keys", { name, scopes }, 201, accessToken);
}

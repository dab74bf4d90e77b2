import { env, runInDurableObject, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Session } from "../../../agents/contracts/session.ts";
import { users } from "../../../db/schema.ts";
import {
  apiBase,
  authHeaders,
  postJson,
  registerUser,
  uniqueAddress,
  uniqueEmail,
} from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { hashPassword } from "../../auth/password.ts";
import { type LoginAttempts, noAttempts } from "../../limits/login-attempts.ts";

type Problem = { status: number; code: string; errors?: { path: string; message: string }[] };

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return SELF.fetch(`${apiBase}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": uniqueAddress(), ...headers },
    body: JSON.stringify(body),
  });
}

async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await response.json()) as Problem;
  expect(problem).toMatchObject({ status, code });
  return problem;
}

describe("POST /v1/auth/register", () => {
  it("creates the account with a normalized email and starts a session", async () => {
    const email = uniqueEmail();
    const session = await postJson<Session>(
      "/v1/auth/register",
      { email: `  ${email.toUpperCase()} `, password: "correct horse battery" },
      201,
    );
    expect(session.user.email).toBe(email);
    expect(session.expiresIn).toBe(900);
    expect(session.accessToken.split(".")).toHaveLength(3);
    expect(session.refreshToken.length).toBeGreaterThanOrEqual(43);
    expect(JSON.stringify(session)).not.toContain("pbkdf2");
  });

  it("answers 409 email_taken for an address already registered, whatever its case", async () => {
    const user = await registerUser();
    await expectProblem(
      await post("/v1/auth/register", { email: user.email.toUpperCase(), password: "another long password" }),
      409,
      "email_taken",
    );
  });

  it("names the field that breaks the password rules", async () => {
    const cases = [
      { password: "short", message: /at least 12/ },
      { password: "a".repeat(20), message: /single character/ },
      { password: `${"x".repeat(257)}y`, message: /at most 256/ },
    ];
    for (const { password, message } of cases) {
      const problem = await expectProblem(
        await post("/v1/auth/register", { email: uniqueEmail(), password }),
        400,
        "validation_failed",
      );
      expect(problem.errors).toEqual([{ path: "password", message: expect.stringMatching(message) }]);
    }
    const email = uniqueEmail();
    const sameAsEmail = await expectProblem(
      await post("/v1/auth/register", { email, password: email }),
      400,
      "validation_failed",
    );
    expect(sameAsEmail.errors?.[0]?.path).toBe("password");
    const badEmail = await expectProblem(
      await post("/v1/auth/register", { email: "not-an-email", password: "correct horse battery" }),
      400,
      "validation_failed",
    );
    expect(badEmail.errors?.[0]?.path).toBe("email");
  });

  it("rejects a body that is not JSON, and one that is too large", async () => {
    const notJson = await SELF.fetch(`${apiBase}/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": uniqueAddress() },
      body: "{not json",
    });
    await expectProblem(notJson, 400, "bad_request");
    const huge = await post("/v1/auth/register", { email: uniqueEmail(), password: "p".repeat(100_000) });
    await expectProblem(huge, 413, "payload_too_large");
  });
});

describe("POST /v1/auth/login", () => {
  it("starts a session with the right password and refuses a wrong one or an unknown email alike", async () => {
    const user = await registerUser();
    const session = await postJson<Session>("/v1/auth/login", { email: user.email, password: user.password }, 200);
    expect(session.user.id).toBe(user.userId);
    const wrong = await expectProblem(
      await post("/v1/auth/login", { email: user.email, password: "wrong password!" }),
      401,
      "invalid_credentials",
    );
    const unknown = await expectProblem(
      await post("/v1/auth/login", { email: uniqueEmail(), password: "wrong password!" }),
      401,
      "invalid_credentials",
    );
    expect({ ...wrong, requestId: "" }).toMatchObject({ ...unknown, requestId: "" });
  });

  it("rehashes a password stored with fewer iterations than now", async () => {
    const user = await registerUser();
    const weaker = await hashPassword(user.password, 1_000);
    await withTestDatabase((db) => db.update(users).set({ passwordHash: weaker }).where(eq(users.id, user.userId)));
    await postJson<Session>("/v1/auth/login", { email: user.email, password: user.password }, 200);
    const [row] = await withTestDatabase((db) => db.select().from(users).where(eq(users.id, user.userId)));
    expect(row?.passwordHash).toMatch(/^pbkdf2-sha256\$100000\$/);
  });

  const login = (email: string, password: string, address: string) =>
    post("/v1/auth/login", { email, password }, { "cf-connecting-ip": address });

  /** Puts `failures` failures of `address` on the account, the last wait just over, as if earlier guesses happened. */
  const earlierFailures = (email: string, address: string, failures: number) =>
    runInDurableObject(env.LOGIN_THROTTLE.get(env.LOGIN_THROTTLE.idFromName(email)), async (_throttle, state) => {
      const attempts: LoginAttempts = {
        ...noAttempts(),
        addresses: { [address]: { failures, blockedUntil: Date.now() } },
      };
      await state.storage.put("attempts", attempts);
    });

  it("lets the first failures from an address through, then makes it wait; the owner elsewhere is not slowed", async () => {
    const user = await registerUser();
    const stranger = uniqueAddress();
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await login(user.email, "wrong password!", stranger)).status).toBe(401);
    }
    await earlierFailures(user.email, stranger, 8);
    expect((await login(user.email, "wrong password!", stranger)).status).toBe(401);
    // The ninth failure in a row: the next attempt from that address waits 64 s, even with the right password.
    const refused = await login(user.email, user.password, stranger);
    const problem = await expectProblem(refused, 429, "rate_limited");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(30);
    expect(retryAfter).toBeLessThanOrEqual(64);
    expect((problem as unknown as { detail: string }).detail).toBe(
      `Too many sign-in attempts; try again in ${retryAfter} seconds.`,
    );
    expect((await login(user.email, user.password, uniqueAddress())).status).toBe(200);
  });

  it("holds parallel guesses from one address to the same wait: one gets through, the rest are refused", async () => {
    const user = await registerUser();
    const stranger = uniqueAddress();
    await earlierFailures(user.email, stranger, 8);
    const answers = await Promise.all(Array.from({ length: 6 }, () => login(user.email, "wrong password!", stranger)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([401, 429, 429, 429, 429, 429]);
  });

  it("caps failures on one account from many addresses, except from an address the owner signed in from", async () => {
    const user = await registerUser();
    const home = uniqueAddress();
    expect((await login(user.email, user.password, home)).status).toBe(200);
    for (let attempt = 1; attempt <= 50; attempt++) {
      expect((await login(user.email, "wrong password!", uniqueAddress())).status).toBe(401);
    }
    const newcomer = await login(user.email, user.password, uniqueAddress());
    await expectProblem(newcomer, 429, "rate_limited");
    expect(Number(newcomer.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect((await login(user.email, user.password, home)).status).toBe(200);
  });

  it("answers the 31st attempt in a minute from one address, on any accounts, with 429 and Retry-After", async () => {
    const address = uniqueAddress();
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 30; attempt++) {
      statuses.push((await login(uniqueEmail(), "wrong password!", address)).status);
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
    const limited = await login(uniqueEmail(), "wrong password!", address);
    await expectProblem(limited, 429, "rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});

describe("POST /v1/auth/refresh and /v1/auth/logout", () => {
  it("rotates the refresh token: the new one works, the used one is dead", async () => {
    const user = await registerUser();
    const next = await postJson<Session>("/v1/auth/refresh", { refreshToken: user.refreshToken }, 200);
    expect(next.refreshToken).not.toBe(user.refreshToken);
    expect(next.user.id).toBe(user.userId);
    const me = await SELF.fetch(`${apiBase}/v1/me`, { headers: authHeaders(next.accessToken) });
    expect(me.status).toBe(200);
    await postJson<Session>("/v1/auth/refresh", { refreshToken: next.refreshToken }, 200);
  });

  it("revokes the whole family when a used refresh token comes back", async () => {
    const user = await registerUser();
    const second = await postJson<Session>("/v1/auth/refresh", { refreshToken: user.refreshToken }, 200);
    await expectProblem(
      await post("/v1/auth/refresh", { refreshToken: user.refreshToken }),
      401,
      "refresh_token_reused",
    );
    // The legitimate holder's newer token died with the family.
    await expectProblem(
      await post("/v1/auth/refresh", { refreshToken: second.refreshToken }),
      401,
      "invalid_refresh_token",
    );
    // Another session of the same user (another family) is untouched.
    const other = await postJson<Session>("/v1/auth/login", { email: user.email, password: user.password }, 200);
    await postJson<Session>("/v1/auth/refresh", { refreshToken: other.refreshToken }, 200);
  });

  it("rejects an unknown refresh token", async () => {
    await expectProblem(await post("/v1/auth/refresh", { refreshToken: "not-a-token" }), 401, "invalid_refresh_token");
  });

  it("logs out: the refresh token stops working, and logout is idempotent", async () => {
    const user = await registerUser();
    expect((await post("/v1/auth/logout", { refreshToken: user.refreshToken })).status).toBe(204);
    expect((await post("/v1/auth/logout", { refreshToken: user.refreshToken })).status).toBe(204);
    await expectProblem(
      await post("/v1/auth/refresh", { refreshToken: user.refreshToken }),
      401,
      "invalid_refresh_token",
    );
  });
});

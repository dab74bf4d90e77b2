import { env, SELF } from "cloudflare:test";
import { Jwt } from "hono/utils/jwt";
import { describe, expect, it } from "vitest";
import type { Session } from "../../agents/contracts/session.ts";
import { apiBase, registerUser } from "../../test/support/worker/accounts.ts";
import { accessTokenClaims } from "../auth/access-token.ts";
import { ApiError, apiRequest } from "./api-request.ts";
import { sessionConnection } from "./session-connection.ts";

const inProcess: typeof fetch = (input, init) => SELF.fetch(input, init);

/** A signed access token of the user that expired an hour ago, as a long job's client holds it. */
function expiredAccessToken(userId: string): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000) - 3600;
  return Jwt.sign(
    { sub: userId, iss: accessTokenClaims.issuer, aud: accessTokenClaims.audience, iat: issuedAt, exp: issuedAt + 900 },
    env.JWT_SECRET,
    accessTokenClaims.algorithm,
  );
}

describe("sessionConnection()", () => {
  it("renews an expired access token once for calls that find it expired together, and keeps working", async () => {
    const user = await registerUser();
    const expired = await expiredAccessToken(user.userId);
    const session = { accessToken: expired, refreshToken: user.refreshToken } as Session;
    const connection = sessionConnection(apiBase, session, inProcess);

    // Three calls at once: a second use of the single-use refresh token would revoke the session.
    const lists = await Promise.all(
      [1, 2, 3].map(() => apiRequest<{ jobs: unknown[] }>(connection, "GET", "/v1/jobs")),
    );
    expect(lists.every((list) => Array.isArray(list.jobs))).toBe(true);
    expect(connection.token).not.toBe(expired);

    // The renewed session renews again later: the rotated refresh token was kept.
    connection.token = expired;
    await expect(apiRequest(connection, "GET", "/v1/jobs")).resolves.toBeDefined();
  });

  it("answers token_expired as an ApiError when there is nothing to renew with", async () => {
    const user = await registerUser();
    const connection = { apiBase, token: await expiredAccessToken(user.userId), fetch: inProcess };
    const error = await apiRequest(connection, "GET", "/v1/jobs").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "token_expired" });
  });
});

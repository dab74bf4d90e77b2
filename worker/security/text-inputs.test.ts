import { env, SELF } from "cloudflare:test";
import { Jwt } from "hono/utils/jwt";
import { describe, expect, it } from "vitest";
import { apiBase, authHeaders, registerUser, uniqueAddress } from "../../test/support/worker/accounts.ts";
import { insertCompletedUpload } from "../../test/support/worker/jobs.ts";
import { accessTokenClaims } from "../auth/access-token.ts";

const nul = "\u0000";
const loneSurrogate = "\ud800";

async function post(path: string, body: unknown, credential: string) {
  const response = await SELF.fetch(`${apiBase}${path}`, {
    method: "POST",
    headers: { ...authHeaders(credential), "cf-connecting-ip": uniqueAddress() },
    body: JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

describe("text the database cannot store", () => {
  it("answers 422 invalid_text for NUL and lone surrogates in every text field and metadata key", async () => {
    const user = await registerUser();
    const uploadId = await insertCompletedUpload(user.userId);
    const cases: [string, string, (bad: string) => unknown][] = [
      ["/v1/api-keys", "name", (bad) => ({ name: `ci${bad}`, scopes: ["jobs:read"] })],
      ["/v1/webhooks", "description", (bad) => ({ url: "https://hooks.example.com/x", description: `a${bad}b` })],
      ["/v1/webhooks", "url", (bad) => ({ url: `https://hooks.example.com/${bad}` })],
      ["/v1/jobs", "webhookUrl", (bad) => ({ uploadId, webhookUrl: `https://hooks.example.com/${bad}` })],
      ["/v1/jobs", "metadata.course", (bad) => ({ uploadId, metadata: { course: `PHYS${bad}` } })],
      ["/v1/jobs", "metadata.tags.0", (bad) => ({ uploadId, metadata: { tags: [bad] } })],
      ["/v1/jobs", "metadata", (bad) => ({ uploadId, metadata: { [`k${bad}`]: 1 } })],
    ];
    for (const [path, field, body] of cases) {
      for (const bad of [nul, loneSurrogate]) {
        const answer = await post(path, body(bad), user.accessToken);
        const label = `${path} ${field} ${JSON.stringify(bad)}`;
        expect(answer.status, label).toBe(422);
        expect(answer.type, label).toBe("application/problem+json");
        expect(answer.body, label).toMatchObject({ code: "invalid_text", errors: [{ path: field }] });
      }
    }
    // A well-formed pair (an emoji) is text like any other.
    const emoji = await post("/v1/api-keys", { name: "ci 🎓", scopes: ["jobs:read"] }, user.accessToken);
    expect(emoji.status).toBe(201);
  });

  it("answers 401, not 500, for a correctly signed access token whose subject is not a user id", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: accessTokenClaims.issuer, aud: accessTokenClaims.audience, iat: now, exp: now + 600 };
    for (const sub of ["not-a-uuid", "1", 42]) {
      const token = await Jwt.sign({ ...claims, sub }, env.JWT_SECRET, accessTokenClaims.algorithm);
      const response = await SELF.fetch(`${apiBase}/v1/me`, { headers: authHeaders(token) });
      expect(response.status, String(sub)).toBe(401);
      expect(await response.json()).toMatchObject({ code: "unauthorized" });
    }
  });
});

import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase, authHeaders, createApiKey, registerUser } from "../../../test/support/worker/accounts.ts";

const getMe = (credential?: string) =>
  SELF.fetch(`${apiBase}/v1/me`, { headers: credential ? authHeaders(credential) : {} });

describe("GET /v1/me", () => {
  it("describes the account behind a user's access token", async () => {
    const user = await registerUser();
    const response = await getMe(user.accessToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      user: { id: user.userId, email: user.email },
      credential: { kind: "user", scopes: ["jobs:read", "jobs:write", "uploads:write", "webhooks:manage"] },
    });
  });

  it("describes the account behind an API key, with the key's scopes only", async () => {
    const user = await registerUser();
    const { key } = await createApiKey(user.accessToken, ["webhooks:manage"]);
    const response = await getMe(key);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      user: { id: user.userId },
      credential: { kind: "api_key", scopes: ["webhooks:manage"] },
    });
  });

  it("answers 401 problem+json without a credential", async () => {
    const response = await getMe();
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "unauthorized" });
  });
});

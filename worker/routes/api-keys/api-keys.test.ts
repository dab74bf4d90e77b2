import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase, authHeaders, createApiKey, postJson, registerUser } from "../../../test/support/worker/accounts.ts";

type ListedKey = { id: string; name: string; prefix: string; scopes: string[]; lastUsedAt: string | null };

async function listKeys(credential: string): Promise<ListedKey[]> {
  const response = await SELF.fetch(`${apiBase}/v1/api-keys`, { headers: authHeaders(credential) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: ListedKey[] }).data;
}

const revokeKey = (credential: string, id: string) =>
  SELF.fetch(`${apiBase}/v1/api-keys/${id}`, { method: "DELETE", headers: authHeaders(credential) });

const getMe = (credential: string) => SELF.fetch(`${apiBase}/v1/me`, { headers: authHeaders(credential) });

describe("/v1/api-keys", () => {
  it("shows a new key once and lists it by prefix, never by value", async () => {
    const user = await registerUser();
    const created = await createApiKey(user.accessToken, ["jobs:read", "jobs:write"], "LMS");
    expect(created.key).toMatch(/^lh_live_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const [listed] = await listKeys(user.accessToken);
    expect(listed).toEqual({
      id: created.id,
      name: "LMS",
      prefix: created.prefix,
      scopes: ["jobs:read", "jobs:write"],
      createdAt: expect.any(String),
      lastUsedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  it("records when a key was last used", async () => {
    const user = await registerUser();
    const { key } = await createApiKey(user.accessToken, ["jobs:read"]);
    expect((await getMe(key)).status).toBe(200);
    const [listed] = await listKeys(user.accessToken);
    expect(Date.parse(listed?.lastUsedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
  });

  it("revokes a key: it stops working at once and leaves the list", async () => {
    const user = await registerUser();
    const { id, key } = await createApiKey(user.accessToken, ["jobs:read"]);
    expect((await revokeKey(user.accessToken, id)).status).toBe(204);
    const rejected = await getMe(key);
    expect(rejected.status).toBe(401);
    expect(rejected.headers.get("content-type")).toBe("application/problem+json");
    expect(await listKeys(user.accessToken)).toEqual([]);
    expect((await revokeKey(user.accessToken, id)).status).toBe(404);
  });

  it("needs a user's token: an API key can neither create, list nor revoke keys", async () => {
    const user = await registerUser();
    const { id, key } = await createApiKey(user.accessToken, [
      "jobs:read",
      "jobs:write",
      "uploads:write",
      "webhooks:manage",
    ]);
    const attempts = [
      SELF.fetch(`${apiBase}/v1/api-keys`, {
        method: "POST",
        headers: authHeaders(key),
        body: JSON.stringify({ name: "wider", scopes: ["jobs:write"] }),
      }),
      SELF.fetch(`${apiBase}/v1/api-keys`, { headers: authHeaders(key) }),
      revokeKey(key, id),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "user_token_required" });
    }
  });

  it("validates names and scopes, naming the field", async () => {
    const user = await registerUser();
    const unknownScope = await SELF.fetch(`${apiBase}/v1/api-keys`, {
      method: "POST",
      headers: authHeaders(user.accessToken),
      body: JSON.stringify({ name: "x", scopes: ["jobs:read", "admin"] }),
    });
    expect(unknownScope.status).toBe(400);
    expect(await unknownScope.json()).toMatchObject({ code: "validation_failed", errors: [{ path: "scopes.1" }] });
    await expect(postJson("/v1/api-keys", { name: "", scopes: [] }, 400, user.accessToken)).resolves.toMatchObject({
      errors: [{ path: "name" }, { path: "scopes" }],
    });
  });
});

describe("/v1/api-keys across accounts", () => {
  it("answers 404 for another account's key and leaves it working", async () => {
    const [alice, mallory] = await Promise.all([registerUser(), registerUser()]);
    const alicesKey = await createApiKey(alice.accessToken, ["jobs:read"]);
    const response = await revokeKey(mallory.accessToken, alicesKey.id);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "not_found", detail: "The API key does not exist." });
    expect(await listKeys(mallory.accessToken)).toEqual([]);
    expect((await getMe(alicesKey.key)).status).toBe(200);
  });

  it("answers 404 for an id that exists nowhere and 400 for one that is not an id", async () => {
    const user = await registerUser();
    expect((await revokeKey(user.accessToken, crypto.randomUUID())).status).toBe(404);
    expect((await revokeKey(user.accessToken, "not-a-uuid")).status).toBe(400);
  });
});

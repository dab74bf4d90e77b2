import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase, authHeaders, createApiKey, postJson, registerUser } from "../../../test/support/worker/accounts.ts";
import { insertCompletedUpload } from "../../../test/support/worker/jobs.ts";
import { receiverPath, registerEndpoint } from "../../../test/support/worker/webhooks.ts";

const request = (credential: string, method: string, path: string) =>
  SELF.fetch(`${apiBase}${path}`, { method, headers: authHeaders(credential) });

describe("/v1/webhooks", () => {
  it("shows a whsec_ secret once and lists the endpoint without it", async () => {
    const user = await registerUser();
    const { url } = receiverPath();
    const created = await registerEndpoint(user.accessToken, url, ["job.completed"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(created.secret.slice("whsec_".length))).toHaveLength(32);
    const listed = await request(user.accessToken, "GET", "/v1/webhooks");
    const body = await listed.text();
    expect(JSON.parse(body)).toEqual({
      data: [
        {
          id: created.id,
          url,
          description: "test receiver",
          eventTypes: ["job.completed"],
          enabled: true,
          disabledReason: null,
          failingSince: null,
          previousSecretExpiresAt: null,
          createdAt: expect.any(String),
        },
      ],
    });
    expect(body).not.toContain(created.secret.slice(6));
  });

  it("refuses unsafe URLs at registration and at job creation", async () => {
    const user = await registerUser();
    for (const url of [
      "https://10.0.0.1/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://user:pw@hooks.example.com/",
      "http://hooks.example.com/",
      "https://[::ffff:7f00:1]/",
    ]) {
      await expect(postJson("/v1/webhooks", { url }, 400, user.accessToken)).resolves.toMatchObject({
        code: "validation_failed",
        errors: [{ path: "url" }],
      });
    }
    const uploadId = await insertCompletedUpload(user.userId);
    await expect(
      postJson("/v1/jobs", { uploadId, webhookUrl: "https://0x7f000001/" }, 400, user.accessToken),
    ).resolves.toMatchObject({ errors: [{ path: "webhookUrl" }] });
  });

  it("deletes an endpoint; another account's ids answer 404 everywhere", async () => {
    const [alice, mallory] = await Promise.all([registerUser(), registerUser()]);
    const endpoint = await registerEndpoint(alice.accessToken, receiverPath().url);
    for (const [method, path] of [
      ["DELETE", `/v1/webhooks/${endpoint.id}`],
      ["POST", `/v1/webhooks/${endpoint.id}/rotate-secret`],
      ["GET", `/v1/webhooks/${endpoint.id}/deliveries`],
      ["POST", `/v1/webhooks/deliveries/${crypto.randomUUID()}/redeliver`],
    ] as const) {
      const response = await request(mallory.accessToken, method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toMatchObject({ code: "not_found" });
    }
    expect((await request(alice.accessToken, "DELETE", `/v1/webhooks/${endpoint.id}`)).status).toBe(204);
    expect((await request(alice.accessToken, "DELETE", `/v1/webhooks/${endpoint.id}`)).status).toBe(404);
  });

  it("needs the webhooks:manage scope", async () => {
    const user = await registerUser();
    const { key } = await createApiKey(user.accessToken, ["jobs:read", "jobs:write"]);
    for (const path of ["/v1/webhooks", "/v1/webhooks/account-secret"]) {
      const response = await request(key, "GET", path);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "insufficient_scope" });
    }
    const manager = await createApiKey(user.accessToken, ["webhooks:manage"]);
    expect((await request(manager.key, "GET", "/v1/webhooks")).status).toBe(200);
  });
});

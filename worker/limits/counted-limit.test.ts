import { SELF } from "cloudflare:test";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { apiBase, authHeaders, registerUser, uniqueAddress } from "../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../test/support/worker/database.ts";
import { insertCompletedUpload } from "../../test/support/worker/jobs.ts";

const post = (path: string, credential: string, body: unknown) =>
  SELF.fetch(`${apiBase}${path}`, {
    method: "POST",
    headers: { ...authHeaders(credential), "cf-connecting-ip": uniqueAddress() },
    body: JSON.stringify(body),
  });

async function statuses(responses: Promise<Response>[]): Promise<Record<number, number>> {
  const tally: Record<number, number> = {};
  for (const response of await Promise.all(responses)) {
    tally[response.status] = (tally[response.status] ?? 0) + 1;
    await response.body?.cancel();
  }
  return tally;
}

describe("counted limits under concurrency", () => {
  it("30 parallel webhook registrations store exactly the cap of 20; the rest answer 409", async () => {
    const user = await registerUser();
    const tally = await statuses(
      Array.from({ length: 30 }, (_, i) =>
        post("/v1/webhooks", user.accessToken, { url: `https://hooks.example.com/${i}` }),
      ),
    );
    const stored = await withTestDatabase((db) =>
      db.$count(schema.webhookEndpoints, eq(schema.webhookEndpoints.userId, user.userId)),
    );
    expect(stored).toBe(20);
    expect(tally).toEqual({ 201: 20, 409: 10 });
  });

  it("55 parallel API key creations store at most the 50 live keys an account may hold", async () => {
    const user = await registerUser();
    const tally = await statuses(
      Array.from({ length: 55 }, (_, i) =>
        post("/v1/api-keys", user.accessToken, { name: `k${i}`, scopes: ["jobs:read"] }),
      ),
    );
    const live = await withTestDatabase((db) =>
      db.$count(schema.apiKeys, and(eq(schema.apiKeys.userId, user.userId), isNull(schema.apiKeys.revokedAt))),
    );
    expect(live).toBe(50);
    expect(tally).toEqual({ 201: 50, 409: 5 });
  });
});

describe("deleting an upload while a job starts from it", () => {
  it("lets exactly one of the two win, every round", async () => {
    const user = await registerUser();
    for (let round = 0; round < 8; round++) {
      const uploadId = await insertCompletedUpload(user.userId);
      const [removed, created] = await Promise.all([
        SELF.fetch(`${apiBase}/v1/uploads/${uploadId}`, { method: "DELETE", headers: authHeaders(user.accessToken) }),
        post("/v1/jobs", user.accessToken, { uploadId }),
      ]);
      const outcome = `round ${round}: DELETE ${removed.status}, POST /v1/jobs ${created.status}`;
      await Promise.all([removed.body?.cancel(), created.body?.cancel()]);
      expect([
        [204, 409],
        [409, 202],
      ]).toContainEqual([removed.status, created.status]);
      const [upload] = await withTestDatabase((db) =>
        db.select().from(schema.uploads).where(eq(schema.uploads.id, uploadId)),
      );
      expect(upload?.status, outcome).toBe(removed.status === 204 ? "aborted" : "completed");
    }
  });
});

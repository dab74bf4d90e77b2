import { SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../../db/client.ts";
import {
  apiBase,
  authHeaders,
  createApiKey,
  registerUser,
  uniqueAddress,
} from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { insertCompletedUpload } from "../../../test/support/worker/jobs.ts";

type Answer = { status: number; body: Record<string, unknown>; text: string };

async function call(credential: string, method: "GET" | "POST", path: string, body?: unknown): Promise<Answer> {
  const response = await SELF.fetch(`${apiBase}${path}`, {
    method,
    headers: { ...authHeaders(credential), "cf-connecting-ip": uniqueAddress() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, text };
}

const status = (credential: string) => call(credential, "GET", "/v1/webhooks/account-secret");
const create = (credential: string) => call(credential, "POST", "/v1/webhooks/account-secret");
const rotate = (credential: string) => call(credential, "POST", "/v1/webhooks/account-secret/rotate");

/** The personal organization's secret: that organization has the user's id. */
const storedSecret = (userId: string) =>
  withTestDatabase(async (db) => {
    const [organization] = await db.select().from(schema.organizations).where(eq(schema.organizations.id, userId));
    return organization?.webhookSecretEncrypted ?? null;
  });

describe("the account's webhook signing secret", () => {
  it("is not created by reading it: GET says whether it exists, twice, and stores nothing", async () => {
    const user = await registerUser();
    for (let read = 0; read < 2; read++) {
      const answer = await status(user.accessToken);
      expect(answer).toMatchObject({ status: 200 });
      expect(answer.body).toEqual({ exists: false, createdAt: null, previousSecretExpiresAt: null });
    }
    expect(await storedSecret(user.userId)).toBeNull();
  });

  it("is shown once by the POST that creates it, never by GET, and a second create answers 409", async () => {
    const user = await registerUser();
    const created = await create(user.accessToken);
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await status(user.accessToken);
    expect(read.body).toEqual({ exists: true, createdAt: expect.any(String), previousSecretExpiresAt: null });
    expect(Date.now() - Date.parse(read.body.createdAt as string)).toBeLessThan(60_000);
    expect(read.text).not.toContain("whsec_");
    expect(read.text).not.toContain(secret.slice(6, 20));
    const again = await create(user.accessToken);
    expect(again).toMatchObject({ status: 409, body: { code: "account_secret_exists" } });
    expect(again.text).not.toContain(secret.slice(6, 20));
  });

  it("lets only one of two simultaneous creates win", async () => {
    const user = await registerUser();
    const answers = await Promise.all([create(user.accessToken), create(user.accessToken)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  it("rotates only an existing secret, returning the new one once; the old one keeps signing for a day", async () => {
    const user = await registerUser();
    expect(await rotate(user.accessToken)).toMatchObject({ status: 409, body: { code: "account_secret_missing" } });
    expect(await storedSecret(user.userId)).toBeNull();
    const first = (await create(user.accessToken)).body.secret;
    const before = (await status(user.accessToken)).body.createdAt as string;
    const rotated = await rotate(user.accessToken);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(first);
    const after = (await status(user.accessToken)).body;
    expect(Date.parse(after.createdAt as string)).toBeGreaterThanOrEqual(Date.parse(before));
    const overlapHours = (Date.parse(after.previousSecretExpiresAt as string) - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);
  });

  it("is needed before a job with its own webhookUrl is accepted", async () => {
    const user = await registerUser();
    const job = { uploadId: await insertCompletedUpload(user.userId), webhookUrl: "https://hooks.example.com/lh" };
    expect(await call(user.accessToken, "POST", "/v1/jobs", job)).toMatchObject({
      status: 409,
      body: { code: "account_secret_missing" },
    });
    await create(user.accessToken);
    expect((await call(user.accessToken, "POST", "/v1/jobs", job)).status).toBe(202);
  });

  it("needs webhooks:manage for every operation", async () => {
    const user = await registerUser();
    const { key } = await createApiKey(user.accessToken, ["jobs:read", "jobs:write"]);
    for (const answer of [await status(key), await create(key), await rotate(key)]) {
      expect(answer).toMatchObject({ status: 403, body: { code: "insufficient_scope" } });
    }
    expect(await storedSecret(user.userId)).toBeNull();
  });
});

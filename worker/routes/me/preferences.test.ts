import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase, authHeaders, createApiKey, postJson, registerUser } from "../../../test/support/worker/accounts.ts";
import { insertCompletedUpload } from "../../../test/support/worker/jobs.ts";

const preferences = (credential: string, body?: unknown) =>
  SELF.fetch(`${apiBase}/v1/me/preferences`, {
    method: body === undefined ? "GET" : "PATCH",
    headers: authHeaders(credential),
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const startJob = async (credential: string, userId: string, options?: unknown) =>
  (
    await postJson<{ options: Record<string, unknown> }>(
      "/v1/jobs",
      { uploadId: await insertCompletedUpload(userId), ...(options ? { options } : {}) },
      202,
      credential,
    )
  ).options;

describe("/v1/me/preferences", () => {
  it("starts with no job defaults and every email off", async () => {
    const user = await registerUser();
    const response = await preferences(user.accessToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      jobDefaults: {},
      notifications: { emailOnCompleted: false, emailOnFailed: false },
    });
  });

  it("replaces the job defaults whole and sets each email choice given on its own", async () => {
    const user = await registerUser();
    await preferences(user.accessToken, { jobDefaults: { highlightCount: 4, language: "de" } });
    await preferences(user.accessToken, { notifications: { emailOnFailed: true } });
    const changed = await preferences(user.accessToken, { jobDefaults: { chapters: 6 } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({
      jobDefaults: { chapters: 6 },
      notifications: { emailOnCompleted: false, emailOnFailed: true },
    });
    expect(await (await preferences(user.accessToken)).json()).toMatchObject({ jobDefaults: { chapters: 6 } });
  });

  it("refuses unknown fields with 422 and bad values with 400, as a job's options are", async () => {
    const user = await registerUser();
    const unknown = await preferences(user.accessToken, { jobDefaults: { maxHighlights: 3 } });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({
      code: "unknown_field",
      errors: [{ path: "jobDefaults.maxHighlights" }],
    });
    expect((await preferences(user.accessToken, { theme: "dark" })).status).toBe(422);
    expect((await preferences(user.accessToken, { notifications: { emailOnSms: true } })).status).toBe(422);
    const bad = await preferences(user.accessToken, { jobDefaults: { clipMinSeconds: 40, clipMaxSeconds: 30 } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "validation_failed" });
  });

  it("is the caller's own: another account and a key without jobs:write cannot change it", async () => {
    const owner = await registerUser();
    const other = await registerUser();
    await preferences(owner.accessToken, { notifications: { emailOnCompleted: true } });
    expect(await (await preferences(other.accessToken)).json()).toMatchObject({
      notifications: { emailOnCompleted: false },
    });
    const { key } = await createApiKey(owner.accessToken, ["jobs:read"]);
    expect((await preferences(key)).status).toBe(200);
    expect((await preferences(key, { notifications: { emailOnFailed: true } })).status).toBe(403);
  });

  it("fills in what a new job leaves out; the job's own options win and the job keeps what it ran with", async () => {
    const user = await registerUser();
    await preferences(user.accessToken, {
      jobDefaults: { highlightCount: 5, language: "de", clipMinSeconds: 30, chapters: 4 },
    });
    expect(await startJob(user.accessToken, user.userId)).toEqual({
      highlightCount: 5,
      language: "de",
      clipMinSeconds: 30,
      chapters: 4,
    });
    expect(await startJob(user.accessToken, user.userId, { highlightCount: 2, clipMaxSeconds: 20 })).toEqual({
      highlightCount: 2,
      clipMaxSeconds: 20,
      language: "de",
      chapters: 4,
    });
    await preferences(user.accessToken, { jobDefaults: {} });
    expect(await startJob(user.accessToken, user.userId)).toEqual({ chapters: "auto", language: "en" });
  });
});

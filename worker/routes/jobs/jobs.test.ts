import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase, authHeaders, createApiKey, postJson, registerUser } from "../../../test/support/worker/accounts.ts";
import { insertCompletedUpload, insertJob, readJob } from "../../../test/support/worker/jobs.ts";

type JobView = {
  id: string;
  status: string;
  attempt: number;
  options: { highlightCount: number };
  links: { results: string };
};

const get = (path: string, credential: string) => SELF.fetch(`${apiBase}${path}`, { headers: authHeaders(credential) });
const post = (path: string, credential: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  SELF.fetch(`${apiBase}${path}`, {
    method: "POST",
    headers: { ...authHeaders(credential), ...headers },
    body: JSON.stringify(body),
  });

describe("POST /v1/jobs", () => {
  it("queues a job from a completed upload and answers 202", async () => {
    const user = await registerUser();
    const uploadId = await insertCompletedUpload(user.userId);
    const job = await postJson<JobView>(
      "/v1/jobs",
      { uploadId, options: { highlightCount: 3 } },
      202,
      user.accessToken,
    );
    expect(job).toMatchObject({ status: "queued", attempt: 1, options: { highlightCount: 3, chapters: "auto" } });
    expect(job.options).not.toHaveProperty("clipMinSeconds");
    expect((await readJob(job.id)).enqueuedAt).not.toBeNull();
  });

  it("is idempotent: the same key and body give the same job; the same key with another body is refused", async () => {
    const user = await registerUser();
    const uploadId = await insertCompletedUpload(user.userId);
    const key = { "idempotency-key": `create-${crypto.randomUUID()}` };
    const first = await post("/v1/jobs", user.accessToken, { uploadId, metadata: { b: 1, a: 2 } }, key);
    const again = await post("/v1/jobs", user.accessToken, { metadata: { a: 2, b: 1 }, uploadId }, key);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    const firstId = ((await first.json()) as JobView).id;
    expect(((await again.json()) as JobView).id).toBe(firstId);
    const other = await post("/v1/jobs", user.accessToken, { uploadId, options: { highlightCount: 2 } }, key);
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: "idempotency_key_reused" });
    const withoutKey = await postJson<JobView>("/v1/jobs", { uploadId }, 202, user.accessToken);
    expect(withoutKey.id).not.toBe(firstId);
  });

  it("refuses an upload that is not complete, someone else's upload, and bad options", async () => {
    const owner = await registerUser();
    const stranger = await registerUser();
    const uploadId = await insertCompletedUpload(owner.userId);
    expect((await post("/v1/jobs", stranger.accessToken, { uploadId })).status).toBe(404);
    const invalid = await post("/v1/jobs", owner.accessToken, {
      uploadId,
      options: { clipMinSeconds: 60, clipMaxSeconds: 30 },
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: "validation_failed" });
  });

  it("answers 422 naming a misspelt option instead of ignoring it", async () => {
    const owner = await registerUser();
    const uploadId = await insertCompletedUpload(owner.userId);
    const typo = await post("/v1/jobs", owner.accessToken, { uploadId, options: { maxHighlights: 3, chapters: 4 } });
    expect(typo.status).toBe(422);
    expect(typo.headers.get("content-type")).toBe("application/problem+json");
    expect(await typo.json()).toMatchObject({
      code: "unknown_field",
      errors: [{ path: "options.maxHighlights", message: "unknown field" }],
    });
    const outside = await post("/v1/jobs", owner.accessToken, { uploadId, webhook: "https://example.com" });
    expect(await outside.json()).toMatchObject({ status: 422, errors: [{ path: "webhook" }] });
    const chapters = await post("/v1/jobs", owner.accessToken, { uploadId, options: { chapters: "many" } });
    expect(chapters.status).toBe(400);
  });

  it("needs jobs:write: an API key with only jobs:read is refused", async () => {
    const user = await registerUser();
    const key = await createApiKey(user.accessToken, ["jobs:read"]);
    const uploadId = await insertCompletedUpload(user.userId);
    expect((await post("/v1/jobs", key.key, { uploadId })).status).toBe(403);
  });
});

describe("GET /v1/jobs", () => {
  it("pages newest first with a cursor and filters by status", async () => {
    const user = await registerUser();
    const uploadId = await insertCompletedUpload(user.userId);
    const created: string[] = [];
    for (let i = 0; i < 3; i++)
      created.push((await postJson<JobView>("/v1/jobs", { uploadId }, 202, user.accessToken)).id);
    await post(`/v1/jobs/${created[0]}/cancel`, user.accessToken);

    const first = (await (await get("/v1/jobs?limit=2", user.accessToken)).json()) as {
      jobs: JobView[];
      nextCursor: string;
    };
    const second = (await (await get(`/v1/jobs?limit=2&cursor=${first.nextCursor}`, user.accessToken)).json()) as {
      jobs: JobView[];
      nextCursor: string | null;
    };
    expect([...first.jobs, ...second.jobs].map((j) => j.id)).toEqual(created.toReversed());
    expect(second.nextCursor).toBeNull();
    const cancelled = (await (await get("/v1/jobs?status=cancelled", user.accessToken)).json()) as { jobs: JobView[] };
    expect(cancelled.jobs.map((j) => j.id)).toEqual([created[0]]);
    expect((await get("/v1/jobs?cursor=not-a-cursor", user.accessToken)).status).toBe(400);
  });
});

describe("cancel", () => {
  it("cancels a queued job, again without harm, and refuses a finished one", async () => {
    const user = await registerUser();
    const uploadId = await insertCompletedUpload(user.userId);
    const job = await postJson<JobView>("/v1/jobs", { uploadId }, 202, user.accessToken);
    expect(await postJson<JobView>(`/v1/jobs/${job.id}/cancel`, {}, 200, user.accessToken)).toMatchObject({
      status: "cancelled",
    });
    expect(await postJson<JobView>(`/v1/jobs/${job.id}/cancel`, {}, 200, user.accessToken)).toMatchObject({
      status: "cancelled",
    });
    expect(await readJob(job.id)).toMatchObject({ status: "cancelled", errorCode: "cancelled" });
  });

  it("answers 409 job_finished for a finished job, and job_not_completed for results before the end", async () => {
    const owner = await registerUser();
    const completed = await insertJob({ userId: owner.userId, status: "completed" });
    const cancel = await post(`/v1/jobs/${completed.id}/cancel`, owner.accessToken);
    expect(cancel.status).toBe(409);
    expect(await cancel.json()).toMatchObject({ code: "job_finished" });
    const queued = await insertJob({ userId: owner.userId });
    const results = await get(`/v1/jobs/${queued.id}/results`, owner.accessToken);
    expect(results.status).toBe(409);
    expect(await results.json()).toMatchObject({ code: "job_not_completed" });
  });
});

describe("another user's job", () => {
  it("is 404 on every route: get, cancel, results, ticket and the WebSocket", async () => {
    const owner = await registerUser();
    const stranger = await registerUser();
    const job = await postJson<JobView>(
      "/v1/jobs",
      { uploadId: await insertCompletedUpload(owner.userId) },
      202,
      owner.accessToken,
    );
    expect((await get(`/v1/jobs/${job.id}`, stranger.accessToken)).status).toBe(404);
    expect((await get(`/v1/jobs/${job.id}/results`, stranger.accessToken)).status).toBe(404);
    expect((await post(`/v1/jobs/${job.id}/cancel`, stranger.accessToken)).status).toBe(404);
    expect((await post(`/v1/jobs/${job.id}/events/ticket`, stranger.accessToken)).status).toBe(404);
    const socket = await SELF.fetch(`${apiBase}/v1/jobs/${job.id}/events`, {
      headers: {
        upgrade: "websocket",
        "sec-websocket-protocol": `lecture-highlights.v1, bearer.${stranger.accessToken}`,
      },
    });
    expect(socket.status).toBe(404);
    const listed = (await (await get("/v1/jobs", stranger.accessToken)).json()) as { jobs: JobView[] };
    expect(listed.jobs).toEqual([]);
    // The stranger's cancel changed nothing (the fleet may have picked the job up meanwhile).
    expect((await readJob(job.id)).status).not.toBe("cancelled");
  });
});

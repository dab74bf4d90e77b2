import { SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { JobStatus } from "../../../agents/contracts/job.ts";
import { schema } from "../../../db/client.ts";
import {
  apiBase,
  authHeaders,
  createApiKey,
  registerUser,
  uniqueAddress,
} from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { insertCompletedUpload, insertJob } from "../../../test/support/worker/jobs.ts";
import type { OrganizationRole } from "../../auth/roles.ts";
import type { UsageReport } from "../../usage/report.ts";

/** A team organization whose members hold these roles, made in the database: these tests are about usage. */
async function team(members: [string, OrganizationRole][]): Promise<string> {
  return withTestDatabase(async (db) => {
    const [organization] = await db.insert(schema.organizations).values({ name: "Physics" }).returning();
    const organizationId = organization!.id;
    await db.insert(schema.memberships).values(members.map(([userId, role]) => ({ organizationId, userId, role })));
    return organizationId;
  });
}

/** A completed upload of `userId`'s in the organization `organizationId`. */
const teamUpload = (userId: string, organizationId: string) =>
  withTestDatabase(async (db) => {
    const uploadId = await insertCompletedUpload(userId, db);
    await db.update(schema.uploads).set({ organizationId }).where(eq(schema.uploads.id, uploadId));
    return uploadId;
  });

const call = (method: string, path: string, credential: string, body?: unknown, headers = {}) =>
  SELF.fetch(`${apiBase}${path}`, {
    method,
    headers: { ...authHeaders(credential), "cf-connecting-ip": uniqueAddress(), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const usage = async (credential: string, query = "") => {
  const response = await call("GET", `/v1/usage${query}`, credential);
  expect(response.status).toBe(200);
  return (await response.json()) as UsageReport;
};

/**
 * A job `userId` started at `createdAt` (in their personal organization unless `organizationId`
 * says otherwise), finished as `status`; completed ones carry minutes and cost.
 */
const job = (
  userId: string,
  createdAt: string,
  status: JobStatus,
  minutes = 0,
  costUsd: number | null = null,
  organizationId = userId,
) =>
  insertJob({
    userId,
    organizationId,
    createdAt: new Date(createdAt),
    status,
    durationSeconds: status === "completed" ? minutes * 60 : null,
    aiCostUsd: costUsd,
  });

const startJob = (credential: string, uploadId: string, idempotencyKey?: string, headers = {}) =>
  call(
    "POST",
    "/v1/jobs",
    credential,
    { uploadId },
    { ...headers, ...(idempotencyKey && { "idempotency-key": idempotencyKey }) },
  );

const thisMonth = () => `${new Date().toISOString().slice(0, 7)}-02T00:00:00Z`;

describe("GET /v1/usage", () => {
  it("sums each UTC month's jobs by outcome, minutes and AI cost, and only the caller's", async () => {
    const alice = await registerUser();
    const bob = await registerUser();
    await job(alice.userId, "2026-02-01T00:00:00.000Z", "completed", 30, 0.5); // February's first instant
    await job(alice.userId, "2026-03-31T23:59:59.999Z", "completed", 45.5, 0.25); // March's last
    await job(alice.userId, "2026-03-10T12:00:00Z", "completed", 10, null); // offline: no AI cost
    await job(alice.userId, "2026-03-11T12:00:00Z", "failed");
    await job(alice.userId, "2026-03-12T12:00:00Z", "cancelled");
    await job(alice.userId, "2026-04-01T00:00:00.000Z", "processing"); // April's first
    await job(alice.userId, "2026-04-01T01:30:00+02:00", "failed"); // March 31st in UTC
    await job(bob.userId, "2026-03-15T12:00:00Z", "completed", 999, 99);

    const report = await usage(alice.accessToken, "?from=2026-01&to=2026-04");
    expect(report.from).toBe("2026-01");
    expect(report.months.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
    const [january, february, march, april] = report.months;
    expect(january).toMatchObject({ minutesProcessed: 0, aiCostUsd: 0, jobs: { total: 0, completed: 0 } });
    expect(february).toMatchObject({
      startsAt: "2026-02-01T00:00:00.000Z",
      endsAt: "2026-03-01T00:00:00.000Z",
      minutesProcessed: 30,
      aiCostUsd: 0.5,
      jobs: { total: 1, completed: 1, failed: 0 },
    });
    expect(march).toEqual({
      month: "2026-03",
      startsAt: "2026-03-01T00:00:00.000Z",
      endsAt: "2026-04-01T00:00:00.000Z",
      minutesProcessed: 55.5,
      aiCostUsd: 0.25,
      jobs: { total: 5, queued: 0, processing: 0, completed: 2, failed: 2, cancelled: 1 },
    });
    expect(april).toMatchObject({ minutesProcessed: 0, jobs: { total: 1, processing: 1 } });

    const bobs = await usage(bob.accessToken, "?from=2026-03&to=2026-03");
    expect(bobs.months[0]).toMatchObject({ minutesProcessed: 999, aiCostUsd: 99, jobs: { total: 1 } });
  });

  it("defaults to the current month and the five before, and answers API keys with jobs:read only", async () => {
    const alice = await registerUser();
    await job(alice.userId, thisMonth(), "completed", 12, 0.01);
    const report = await usage(alice.accessToken);
    expect(report.months).toHaveLength(6);
    expect(report.to).toBe(new Date().toISOString().slice(0, 7));
    expect(report.months.at(-1)).toMatchObject({ minutesProcessed: 12, jobs: { completed: 1 } });
    expect(report.limits).toMatchObject({ monthlyMinutes: null, monthlyCostUsd: null });
    expect(Date.parse(report.limits.resetsAt)).toBeGreaterThan(Date.now());

    const reader = await createApiKey(alice.accessToken, ["jobs:read"]);
    expect((await usage(reader.key)).months.at(-1)!.minutesProcessed).toBe(12);
    const uploader = await createApiKey(alice.accessToken, ["uploads:write"]);
    expect((await call("GET", "/v1/usage", uploader.key)).status).toBe(403);
  });

  it("validates its query strictly", async () => {
    const alice = await registerUser();
    const problem = async (query: string) => {
      const response = await call("GET", `/v1/usage${query}`, alice.accessToken);
      return { status: response.status, code: ((await response.json()) as { code: string }).code };
    };
    expect(await problem("?from=2026-05&to=2026-04")).toEqual({ status: 422, code: "invalid_month_range" });
    expect(await problem("?from=2020-01&to=2026-04")).toEqual({ status: 422, code: "invalid_month_range" });
    expect(await problem("?month=2026-04")).toEqual({ status: 422, code: "unknown_field" });
    expect(await problem("?to=2026-13")).toEqual({ status: 400, code: "validation_failed" });
    expect(await problem("?to=2026-4")).toEqual({ status: 400, code: "validation_failed" });
    expect(await problem("?from=2023-05&to=2026-04")).toEqual({ status: 200, code: undefined });
  });
});

describe("monthly limits", () => {
  it("refuse new jobs once reached, with the limit, the usage and the reset; replays and raised limits pass", async () => {
    const alice = await registerUser();
    const uploadId = await insertCompletedUpload(alice.userId);
    const first = await startJob(alice.accessToken, uploadId, "key-before-limit");
    expect(first.status).toBe(202);
    const firstJob = (await first.json()) as { id: string };
    await job(alice.userId, thisMonth(), "completed", 60, 0.4);

    const set = await call("PUT", "/v1/usage/limits", alice.accessToken, { monthlyMinutes: 60, monthlyCostUsd: null });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ monthlyMinutes: 60, monthlyCostUsd: null });

    const refused = await startJob(alice.accessToken, uploadId, "key-after-limit");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: "usage_limit_reached", limit: "monthly_minutes", allowed: 60, used: 60 });
    expect(body.resetsAt).toBe((await usage(alice.accessToken)).limits.resetsAt);

    // The earlier request, repeated with its key, still answers with its job.
    const replay = await startJob(alice.accessToken, uploadId, "key-before-limit");
    expect(replay.status).toBe(202);
    expect(((await replay.json()) as { id: string }).id).toBe(firstJob.id);

    await call("PUT", "/v1/usage/limits", alice.accessToken, { monthlyMinutes: 61, monthlyCostUsd: 0.4 });
    const byCost = await startJob(alice.accessToken, uploadId, "key-after-limit");
    expect(await byCost.json()).toMatchObject({ code: "usage_limit_reached", limit: "monthly_cost_usd", used: 0.4 });

    await call("PUT", "/v1/usage/limits", alice.accessToken, { monthlyMinutes: 61, monthlyCostUsd: null });
    // The refused key was never used, so it starts the job now.
    expect((await startJob(alice.accessToken, uploadId, "key-after-limit")).status).toBe(202);
    expect((await usage(alice.accessToken)).limits).toMatchObject({ monthlyMinutes: 61, monthlyCostUsd: null });
  });

  it("count the owner's own usage only, ignore earlier months, and are set with a user's token only", async () => {
    const alice = await registerUser();
    const bob = await registerUser();
    await job(alice.userId, thisMonth(), "completed", 500, 5);
    await job(bob.userId, "2026-01-15T00:00:00Z", "completed", 500, 5); // an earlier month
    await call("PUT", "/v1/usage/limits", bob.accessToken, { monthlyMinutes: 10, monthlyCostUsd: 1 });
    expect((await startJob(bob.accessToken, await insertCompletedUpload(bob.userId))).status).toBe(202);
    // Bob's limit is not Alice's.
    expect((await startJob(alice.accessToken, await insertCompletedUpload(alice.userId))).status).toBe(202);

    const key = await createApiKey(bob.accessToken, ["jobs:read", "jobs:write"]);
    const byKey = await call("PUT", "/v1/usage/limits", key.key, { monthlyMinutes: null, monthlyCostUsd: null });
    expect(byKey.status).toBe(403);
    const strict = await call("PUT", "/v1/usage/limits", bob.accessToken, { monthlyMinutes: 10 });
    expect(strict.status).toBe(400);
    const unknown = await call("PUT", "/v1/usage/limits", bob.accessToken, {
      monthlyMinutes: 10,
      monthlyCostUsd: null,
      monthlyJobs: 3,
    });
    expect(unknown.status).toBe(422);
    expect((await usage(bob.accessToken)).limits).toMatchObject({ monthlyMinutes: 10, monthlyCostUsd: 1 });
  });

  it("let no concurrent creation through once the month's usage has reached the limit", async () => {
    const alice = await registerUser();
    await job(alice.userId, thisMonth(), "completed", 30);
    await call("PUT", "/v1/usage/limits", alice.accessToken, { monthlyMinutes: 30, monthlyCostUsd: null });
    const uploadId = await insertCompletedUpload(alice.userId);
    const statuses = await Promise.all(
      Array.from({ length: 4 }, (_, i) => startJob(alice.accessToken, uploadId, `race-${i}`).then((r) => r.status)),
    );
    expect(statuses).toEqual([429, 429, 429, 429]);
  });
});

describe("an organization's usage and limits", () => {
  it("sum every member's jobs, show them to every member, and are set by owners and admins only", async () => {
    const [owner, admin, editor, viewer, outsider] = await Promise.all([1, 2, 3, 4, 5].map(() => registerUser()));
    if (!owner || !admin || !editor || !viewer || !outsider) throw new Error("five users");
    const physics = await team([
      [owner.userId, "owner"],
      [admin.userId, "admin"],
      [editor.userId, "editor"],
      [viewer.userId, "viewer"],
    ]);
    const inPhysics = { "lh-organization": physics };
    await job(editor.userId, thisMonth(), "completed", 20, 0.2, physics);
    await job(admin.userId, thisMonth(), "failed", 0, null, physics);
    await job(editor.userId, thisMonth(), "completed", 7, 0.1); // the editor's personal organization
    await job(outsider.userId, thisMonth(), "completed", 50, 1);

    for (const member of [owner, admin, editor, viewer]) {
      const response = await call("GET", "/v1/usage", member.accessToken, undefined, inPhysics);
      expect(response.status).toBe(200);
      const month = ((await response.json()) as UsageReport).months.at(-1)!;
      expect(month).toMatchObject({
        minutesProcessed: 20,
        aiCostUsd: 0.2,
        jobs: { total: 2, completed: 1, failed: 1 },
      });
    }
    expect((await usage(editor.accessToken)).months.at(-1)!.minutesProcessed).toBe(7);
    // Not a member: the organization looks like one that does not exist.
    expect((await call("GET", "/v1/usage", outsider.accessToken, undefined, inPhysics)).status).toBe(404);

    const limits = { monthlyMinutes: 20, monthlyCostUsd: null };
    const setBy = async (member: typeof owner) =>
      (await call("PUT", "/v1/usage/limits", member.accessToken, limits, inPhysics)).status;
    expect(await setBy(viewer)).toBe(403);
    expect(await setBy(editor)).toBe(403);
    expect(await setBy(admin)).toBe(200);
    expect(await setBy(owner)).toBe(200);
    expect(await setBy(outsider)).toBe(404);

    // The team's limit holds for every member starting a job there, and nowhere else.
    const refused = await startJob(editor.accessToken, await teamUpload(editor.userId, physics), undefined, inPhysics);
    expect(await refused.json()).toMatchObject({ code: "usage_limit_reached", allowed: 20, used: 20 });
    expect((await startJob(editor.accessToken, await insertCompletedUpload(editor.userId))).status).toBe(202);
    expect((await usage(editor.accessToken)).limits.monthlyMinutes).toBeNull();
  });
});

describe("the OpenAPI document", () => {
  it("describes the usage query, the limits and the limit problem of job creation", async () => {
    const document = (await (await SELF.fetch(`${apiBase}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: object }>>;
      components: { schemas: Record<string, unknown> };
    };
    const query = document.paths["/v1/usage"]!.get!.parameters!.filter((p) => p.in === "query").map((p) => p.name);
    expect(query.sort()).toEqual(["from", "to"]);
    expect(document.paths["/v1/usage/limits"]!.put).toBeDefined();
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["UsageReport", "MonthUsage", "UsageLimits", "UsageLimitProblem"]),
    );
    expect(JSON.stringify(document.paths["/v1/jobs"]!.post!.responses)).toContain("UsageLimitProblem");
  });
});

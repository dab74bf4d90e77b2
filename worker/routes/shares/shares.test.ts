import { env, SELF } from "cloudflare:test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ResultManifest } from "../../../agents/contracts/artifacts.ts";
import type { CreatedJobShare, JobShare, SharedJob } from "../../../agents/contracts/job-api.ts";
import { schema } from "../../../db/client.ts";
import { apiBase, authHeaders, postJson, registerUser, uniqueAddress } from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { insertCompletedJob, insertJob } from "../../../test/support/worker/jobs.ts";
import { sha256Hex } from "../../auth/secrets.ts";
import { Bucket } from "../../storage/bucket.ts";

const manifest: ResultManifest = {
  durationSeconds: 600,
  highlights: [
    {
      start: 100,
      end: 130,
      title: "Limits",
      summary: "s",
      keyPhrases: [],
      score: 0.9,
      chapterIndex: 0,
      clipKey: null,
      thumbnailKey: null,
    },
  ],
  chapters: [{ start: 0, title: "Opening", summary: "" }],
  reel: null,
  transcript: { jsonKey: "a.json", vttKey: "a.vtt", srtKey: "a.srt" },
  reelCaptions: null,
  stats: { costUsd: 0.42 },
};

const openLink = (token: string) => SELF.fetch(`${apiBase}/v1/shared/${token}`);

async function sharedJob(expiresInHours?: number) {
  const owner = await registerUser();
  const job = await insertCompletedJob(owner.userId, manifest, { name: "Week 3", metadata: { secret: "x" } });
  const [upload] = await withTestDatabase((db) =>
    db.select().from(schema.uploads).where(eq(schema.uploads.id, job.uploadId)),
  );
  await new Bucket(env).fetch(upload!.objectKey, { method: "PUT", body: "lecture bytes" });
  const body = expiresInHours ? { expiresInHours } : {};
  const share = await postJson<CreatedJobShare>(`/v1/jobs/${job.id}/shares`, body, 201, owner.accessToken);
  return { owner, job, share };
}

async function expectShareNotFound(response: Response) {
  expect(response.status).toBe(404);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
  const problem = (await response.json()) as { code: string; detail: string };
  expect(problem.code).toBe("share_not_found");
  return problem.detail;
}

describe("share links", () => {
  it("open a job's results without an account, showing nothing of the owner", async () => {
    const { owner, share } = await sharedJob();
    expect(share.url).toMatch(new RegExp(`/s/${share.token}$`));
    // 32 random bytes: 256 bits, stored only as their hash.
    expect(share.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await withTestDatabase((db) =>
      db.select().from(schema.jobShares).where(eq(schema.jobShares.id, share.id)),
    );
    expect(row!.tokenHash).toBe(await sha256Hex(share.token));
    expect(JSON.stringify(row)).not.toContain(share.token);
    const days = (Date.parse(share.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const response = await openLink(share.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as SharedJob;
    expect(body).toMatchObject({ name: "Week 3", expiresAt: share.expiresAt });
    expect(body.results.highlights.map((h) => h.title)).toEqual(["Limits"]);
    // The lecture plays through the API, with seeking, not from a storage address naming the account.
    expect(body.results.source).toEqual({
      url: new URL(`/v1/shared/${share.token}/lecture`, env.PUBLIC_BASE_URL).toString(),
      contentType: "video/mp4",
    });
    const part = await SELF.fetch(`${apiBase}/v1/shared/${share.token}/lecture`, { headers: { range: "bytes=0-6" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-type")).toBe("video/mp4");
    expect(part.headers.get("content-range")).toBe("bytes 0-6/13");
    expect(await part.text()).toBe("lecture");
    const text = JSON.stringify(body);
    for (const secret of [owner.userId, owner.email, "costUsd", "jobId", '"secret"'])
      expect(text).not.toContain(secret);
  });

  it("are listed for their owner and stop working once revoked, like an unknown or expired one", async () => {
    const { owner, job, share } = await sharedJob();
    const headers = authHeaders(owner.accessToken);
    const listed = (await (await SELF.fetch(`${apiBase}/v1/jobs/${job.id}/shares`, { headers })).json()) as {
      data: JobShare[];
    };
    expect(share.createdBy).toBe(owner.email);
    expect(listed.data).toEqual([
      { id: share.id, createdAt: share.createdAt, expiresAt: share.expiresAt, createdBy: owner.email },
    ]);

    const revoke = () => SELF.fetch(`${apiBase}/v1/jobs/${job.id}/shares/${share.id}`, { method: "DELETE", headers });
    expect((await revoke()).status).toBe(204);
    const revokedDetail = await expectShareNotFound(await openLink(share.token));
    await expectShareNotFound(await SELF.fetch(`${apiBase}/v1/shared/${share.token}/lecture`));
    expect((await revoke()).status).toBe(404);
    expect(await expectShareNotFound(await openLink("never-issued"))).toBe(revokedDetail);

    const expiring = await sharedJob(1);
    await withTestDatabase((db) =>
      db
        .update(schema.jobShares)
        .set({ expiresAt: sql`now() - interval '1 second'` })
        .where(eq(schema.jobShares.id, expiring.share.id)),
    );
    expect(await expectShareNotFound(await openLink(expiring.share.token))).toBe(revokedDetail);
    const afterExpiry = (await (
      await SELF.fetch(`${apiBase}/v1/jobs/${expiring.job.id}/shares`, {
        headers: authHeaders(expiring.owner.accessToken),
      })
    ).json()) as { data: JobShare[] };
    expect(afterExpiry.data).toEqual([]);
  });

  it("are opened at most 60 times a minute from one address", async () => {
    const headers = { "cf-connecting-ip": uniqueAddress() };
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++)
      statuses.push((await SELF.fetch(`${apiBase}/v1/shared/guess-${i}`, { headers })).status);
    expect(statuses.slice(0, 60).every((status) => status === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it("die with their job", async () => {
    const { owner, job, share } = await sharedJob();
    const deleted = await SELF.fetch(`${apiBase}/v1/jobs/${job.id}`, {
      method: "DELETE",
      headers: authHeaders(owner.accessToken),
    });
    expect(deleted.status).toBe(204);
    await expectShareNotFound(await openLink(share.token));
  });

  it("are only for the owner's completed jobs", async () => {
    const { job } = await sharedJob();
    const stranger = await registerUser();
    const path = `/v1/jobs/${job.id}/shares`;
    await postJson(path, {}, 404, stranger.accessToken);
    expect((await SELF.fetch(`${apiBase}${path}`, { headers: authHeaders(stranger.accessToken) })).status).toBe(404);
    const running = await insertJob({ userId: stranger.userId, status: "processing" });
    expect(await postJson(`/v1/jobs/${running.id}/shares`, {}, 409, stranger.accessToken)).toMatchObject({
      code: "job_not_completed",
    });
    await postJson(`/v1/jobs/${running.id}/shares`, { expiresInHours: 0 }, 400, stranger.accessToken);
  });
});

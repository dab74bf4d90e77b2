import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { schema } from "../../../db/client.ts";
import { apiBase, authHeaders, registerUser } from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { insertJob, readJob } from "../../../test/support/worker/jobs.ts";
import { Bucket } from "../../storage/bucket.ts";

const call = (method: string, path: string, credential: string, body?: unknown) =>
  SELF.fetch(`${apiBase}${path}`, {
    method,
    headers: authHeaders(credential),
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("a job's name", () => {
  it("is renamed by its owner only, and the list searches it", async () => {
    const owner = await registerUser();
    const other = await registerUser();
    const job = await insertJob({ userId: owner.userId, name: "lecture" });
    const renamed = await call("PATCH", `/v1/jobs/${job.id}`, owner.accessToken, { name: "  Week 3: 100% Limits " });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: "Week 3: 100% Limits" });
    expect((await call("PATCH", `/v1/jobs/${job.id}`, other.accessToken, { name: "mine" })).status).toBe(404);
    expect((await call("PATCH", `/v1/jobs/${job.id}`, owner.accessToken, { name: "" })).status).toBe(400);
    await insertJob({ userId: owner.userId, name: "Week 4: Integrals" });

    const search = async (q: string, credential = owner.accessToken) => {
      const response = await call("GET", `/v1/jobs?q=${encodeURIComponent(q)}`, credential);
      return ((await response.json()) as { jobs: { name: string }[] }).jobs.map((j) => j.name);
    };
    expect(await search("limits")).toEqual(["Week 3: 100% Limits"]);
    expect(await search("week")).toHaveLength(2);
    expect(await search("%")).toEqual(["Week 3: 100% Limits"]); // a wildcard is searched as text
    expect(await search("week 3", other.accessToken)).toEqual([]);
  });
});

describe("DELETE /v1/jobs/:id", () => {
  it("cancels a running job, deletes its objects and its row, and is harmless to repeat", async () => {
    const owner = await registerUser();
    const job = await insertJob({ userId: owner.userId, status: "processing" });
    const bucket = new Bucket(env);
    const keys = [
      storageKeys.checkpoint(job.id, "probe"),
      storageKeys.speechTrack(job.id),
      storageKeys.output(job.id, "clips/0.mp4"),
      `jobs/${job.id}/checkpoints/probe.json`, // where checkpoints were before they moved
    ];
    for (const key of keys) await bucket.fetch(key, { method: "PUT", body: "bytes" });
    const neighbour = storageKeys.output(crypto.randomUUID(), "reel.mp4");
    await bucket.fetch(neighbour, { method: "PUT", body: "not this job's" });

    expect((await call("DELETE", `/v1/jobs/${job.id}`, owner.accessToken)).status).toBe(204);
    expect(await readJob(job.id)).toBeUndefined();
    for (const key of keys) expect(await bucket.head(key)).toBeNull();
    expect(await bucket.head(neighbour)).not.toBeNull();
    expect((await call("GET", `/v1/jobs/${job.id}`, owner.accessToken)).status).toBe(404);
    expect((await call("DELETE", `/v1/jobs/${job.id}`, owner.accessToken)).status).toBe(204);
  });

  it("keeps a job whose cancel has not reached the media worker yet, and deletes it once it has", async () => {
    const owner = await registerUser();
    const job = await insertJob({ userId: owner.userId, status: "cancelled" });
    const key = storageKeys.output(job.id, "clips/0.mp4");
    await new Bucket(env).fetch(key, { method: "PUT", body: "bytes" });
    // A cancel that failed to send, waiting for its retry in the outbox.
    const pending = await withTestDatabase((db) =>
      db
        .insert(schema.outbox)
        .values({
          jobId: job.id,
          effect: { kind: "cancel_attempt", attempt: 1 },
          availableAt: new Date(Date.now() + 60_000),
        })
        .returning(),
    );
    const refused = await call("DELETE", `/v1/jobs/${job.id}`, owner.accessToken);
    expect(refused.status).toBe(409);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await refused.json()).toMatchObject({ code: "job_stopping" });
    expect((await readJob(job.id)).status).toBe("cancelled");
    expect(await new Bucket(env).head(key)).not.toBeNull();

    await withTestDatabase((db) => db.delete(schema.outbox).where(eq(schema.outbox.id, pending[0]!.id)));
    expect((await call("DELETE", `/v1/jobs/${job.id}`, owner.accessToken)).status).toBe(204);
    expect(await readJob(job.id)).toBeUndefined();
  });

  it("leaves another user's job alone", async () => {
    const owner = await registerUser();
    const other = await registerUser();
    const job = await insertJob({ userId: owner.userId, status: "completed" });
    const key = storageKeys.output(job.id, "reel.mp4");
    await new Bucket(env).fetch(key, { method: "PUT", body: "bytes" });
    expect((await call("DELETE", `/v1/jobs/${job.id}`, other.accessToken)).status).toBe(204);
    expect((await readJob(job.id)).status).toBe("completed");
    expect(await new Bucket(env).head(key)).not.toBeNull();
  });
});

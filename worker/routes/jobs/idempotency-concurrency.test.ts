import { SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../../db/client.ts";
import { apiBase, authHeaders, registerUser } from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { insertCompletedUpload } from "../../../test/support/worker/jobs.ts";

const concurrentRequests = 8;

describe("POST /v1/jobs with one Idempotency-Key, concurrently", () => {
  it("creates exactly one job, and every answer names it", async () => {
    const user = await registerUser();
    const uploadId = await insertCompletedUpload(user.userId);
    const headers = { ...authHeaders(user.accessToken), "idempotency-key": `race-${crypto.randomUUID()}` };
    const body = JSON.stringify({ uploadId, options: { highlightCount: 4 } });
    const responses = await Promise.all(
      Array.from({ length: concurrentRequests }, () =>
        SELF.fetch(`${apiBase}/v1/jobs`, { method: "POST", headers, body }),
      ),
    );
    const answers = await Promise.all(
      responses.map(async (response) => ({ ...((await response.json()) as { id?: string }), status: response.status })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(concurrentRequests).fill(202));
    const ids = new Set(answers.map((answer) => answer.id));
    expect(ids.size).toBe(1);

    const jobs = await withTestDatabase((db) =>
      db
        .select({ id: schema.jobs.id })
        .from(schema.jobs)
        .where(and(eq(schema.jobs.userId, user.userId), eq(schema.jobs.uploadId, uploadId))),
    );
    expect(jobs.map((job) => job.id)).toEqual([...ids]);
  });
});

import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { failureExplanation } from "../../agents/contracts/failure-explanations.ts";
import type { NotificationChoices } from "../../agents/contracts/preferences.ts";
import { schema } from "../../db/client.ts";
import { apiBase, authHeaders, registerUser, type TestUser } from "../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../test/support/worker/database.ts";
import { outboxOf } from "../../test/support/worker/dispatch.ts";
import { insertJob, readJob, reportEvent } from "../../test/support/worker/jobs.ts";
import { decodeHeader, failMailTo, mailTo, readMail } from "../../test/support/worker/mail.ts";
import { sampleManifest } from "../../test/support/worker/webhooks.ts";
import type { Env } from "../env.ts";
import { drainOutbox } from "../outbox/drain.ts";
import { recordEffects } from "../outbox/record.ts";

async function userWanting(notifications: Partial<NotificationChoices>): Promise<TestUser> {
  const user = await registerUser();
  const response = await SELF.fetch(`${apiBase}/v1/me/preferences`, {
    method: "PATCH",
    headers: authHeaders(user.accessToken),
    body: JSON.stringify({ notifications }),
  });
  expect(response.status).toBe(200);
  return user;
}

const event = (jobId: string) => ({ jobId, attempt: 1, seq: 0, at: new Date().toISOString() });

const completed = (jobId: string) => ({
  ...event(jobId),
  type: "completed" as const,
  manifestKey: `jobs/${jobId}/manifest.json`,
  manifest: sampleManifest,
});

const notificationsOf = (jobId: string) =>
  withTestDatabase((db) => db.select().from(schema.jobNotifications).where(eq(schema.jobNotifications.jobId, jobId)));

/** The outbox delivering the job's `notify` effect once more, as a redelivery or a second drain would. */
const notifyAgain = (jobId: string, now?: Date) =>
  withTestDatabase(async (db) =>
    drainOutbox(env as unknown as Env, db, { ids: await recordEffects(db, jobId, [{ kind: "notify" }]), now }),
  );

describe("job emails, from a real report through the outbox to the SMTP sink", () => {
  it("sends one email for a completed job the user asked about, however often the completion comes", async () => {
    const user = await userWanting({ emailOnCompleted: true });
    const job = await insertJob({ userId: user.userId, status: "processing", name: "Week 3: Derivatives" });
    expect(await (await reportEvent(completed(job.id))).json()).toEqual({ applied: true });
    expect(await (await reportEvent(completed(job.id))).json()).toMatchObject({ applied: false });
    expect(await notifyAgain(job.id)).toEqual({ done: 1, failed: 0 });

    const [mail, ...more] = await mailTo(user.email);
    expect(more).toEqual([]);
    const { headers, text } = readMail(mail!);
    expect(decodeHeader(headers.subject!)).toBe('Your highlights of "Week 3: Derivatives" are ready');
    expect(headers["message-id"]).toContain(job.id);
    expect(text).toContain(`${env.PUBLIC_BASE_URL}/#/jobs/${job.id}`);
    expect(text).not.toMatch(/token|signature|X-Amz|whsec_/i);
    expect(text).not.toContain(user.accessToken);
    expect(await notificationsOf(job.id)).toMatchObject([
      { userId: user.userId, outcome: "completed", attempts: 1, sentAt: expect.any(Date) },
    ]);
  });

  it("sends nothing to a user who did not ask for that outcome", async () => {
    const user = await userWanting({ emailOnFailed: true });
    const job = await insertJob({ userId: user.userId, status: "processing" });
    await reportEvent(completed(job.id));
    expect((await readJob(job.id)).status).toBe("completed");
    expect(await mailTo(user.email)).toEqual([]);
    expect(await notificationsOf(job.id)).toEqual([]);
    expect(await outboxOf(job.id)).toEqual([]);
  });

  it("tells why a job failed in the web app's words, with the code for support", async () => {
    const user = await userWanting({ emailOnFailed: true });
    const job = await insertJob({ userId: user.userId, status: "processing", name: "Silent film" });
    const failed = { ...event(job.id), type: "failed" as const, code: "input_no_audio" as const, retryable: false };
    await reportEvent({ ...failed, message: "Stream #0:1 not found at /scratch/abc/source.mp4" });
    const [mail] = await mailTo(user.email);
    const { headers, text } = readMail(mail!);
    expect(decodeHeader(headers.subject!)).toBe('Your highlights of "Silent film" could not be made');
    expect(text).toContain(failureExplanation("input_no_audio").sentence);
    expect(text).toContain("input_no_audio");
    expect(text).not.toContain("/scratch");
  });

  it("retries a failing provider with backoff, never failing the job, and sends once it recovers", async () => {
    const user = await userWanting({ emailOnCompleted: true });
    await failMailTo(user.email, 1);
    const job = await insertJob({ userId: user.userId, status: "processing" });
    expect(await (await reportEvent(completed(job.id))).json()).toEqual({ applied: true });
    expect((await readJob(job.id)).status).toBe("completed");
    expect(await mailTo(user.email)).toEqual([]);
    const [left] = await outboxOf(job.id);
    expect(left).toMatchObject({ effect: { kind: "notify" }, attempts: 1 });
    expect(left!.availableAt.getTime()).toBeGreaterThan(Date.now());

    const later = new Date(left!.availableAt.getTime() + 1_000);
    expect(await withTestDatabase((db) => drainOutbox(env as unknown as Env, db, { now: later }))).toMatchObject({
      failed: 0,
    });
    expect(await mailTo(user.email)).toHaveLength(1);
    expect(await outboxOf(job.id)).toEqual([]);
    expect(await notificationsOf(job.id)).toMatchObject([{ attempts: 2, sentAt: expect.any(Date) }]);
  });
});

import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { EmailSender } from "../email/message.ts";
import type { Env } from "../env.ts";
import type { JobRow } from "../jobs/snapshot.ts";
import { readUserPreferences } from "../preferences/user-preferences.ts";
import { jobOutcome, jobOutcomeEmail } from "./job-email.ts";

/** A send holds its record this long; a drain that died mid-send leaves it to a later one. */
const LOCK_SECONDS = 120;

/**
 * Emails the job's user how it ended, if they asked for it: the outbox's `notify` effect.
 * Exactly one email per (job, user, outcome) whatever redelivers the effect: the record is
 * written first (a unique index keeps it to one), taken with a lock while sending, and marked
 * sent once the provider accepted the message; a sent or taken record sends nothing. A failing
 * provider throws, the outbox backs off and tries again (the job stays as it finished). Only a
 * provider that accepted a message whose answer was lost, before the record was marked, can
 * make a second attempt, and it carries the same Message-ID.
 *
 * @example
 * await notifyJobOutcome(env, db, job, emailSender(env));
 */
export async function notifyJobOutcome(
  env: Pick<Env, "PUBLIC_BASE_URL" | "EMAIL_FROM">,
  db: Database,
  job: JobRow,
  sender: EmailSender | null,
  now = new Date(),
): Promise<"sent" | "not_wanted" | "already_handled"> {
  const outcome = jobOutcome(job);
  const { notifications } = await readUserPreferences(db, job.userId);
  const wanted = outcome === "completed" ? notifications.emailOnCompleted : notifications.emailOnFailed;
  if (!outcome || !wanted || !sender) return "not_wanted";
  const n = schema.jobNotifications;
  await db.insert(n).values({ jobId: job.id, userId: job.userId, outcome }).onConflictDoNothing();
  const [taken] = await db
    .update(n)
    .set({ lockedUntil: new Date(now.getTime() + LOCK_SECONDS * 1000), attempts: sql`${n.attempts} + 1` })
    .where(
      and(
        eq(n.jobId, job.id),
        eq(n.userId, job.userId),
        eq(n.outcome, outcome),
        isNull(n.sentAt),
        or(isNull(n.lockedUntil), lt(n.lockedUntil, now)),
      ),
    )
    .returning({ id: n.id });
  if (!taken) return "already_handled";
  const [user] = await db
    .select({ email: schema.users.email })
    .from(schema.users)
    .where(eq(schema.users.id, job.userId));
  try {
    await sender.send(jobOutcomeEmail(env, job, user!.email));
  } catch (error) {
    await db.update(n).set({ lockedUntil: null }).where(eq(n.id, taken.id));
    throw error;
  }
  await db.update(n).set({ sentAt: new Date(), lockedUntil: null }).where(eq(n.id, taken.id));
  console.log(
    JSON.stringify({ level: "info", msg: "job email sent", jobId: job.id, notificationId: taken.id, outcome }),
  );
  return "sent";
}

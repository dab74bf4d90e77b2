import { failureExplanation } from "../../agents/contracts/failure-explanations.ts";
import type { EmailMessage } from "../email/message.ts";
import type { Env } from "../env.ts";
import type { JobRow } from "../jobs/snapshot.ts";

export type JobOutcome = "completed" | "failed";

/** The outcome a finished job's email is about; null for a job that did not finish (or was cancelled). */
export function jobOutcome(job: Pick<JobRow, "status">): JobOutcome | null {
  return job.status === "completed" || job.status === "failed" ? job.status : null;
}

/**
 * The email telling `to` how their job ended: its name, the outcome (a failure in the words the
 * web app uses, with its code for support) and a link to the job's page. It holds nothing that
 * grants access (no token, no presigned URL): the link asks the reader to sign in.
 *
 * @example
 * jobOutcomeEmail(env, job, "ada@example.com").subject; // 'Your highlights of "Week 3" are ready'
 */
export function jobOutcomeEmail(
  env: Pick<Env, "PUBLIC_BASE_URL" | "EMAIL_FROM">,
  job: Pick<JobRow, "id" | "userId" | "name" | "status" | "errorCode">,
  to: string,
): EmailMessage {
  const outcome = jobOutcome(job);
  if (!outcome) throw new Error("only a finished job has an outcome to tell");
  const link = new URL(`/#/jobs/${job.id}`, env.PUBLIC_BASE_URL).toString();
  const settings = new URL("/#/settings", env.PUBLIC_BASE_URL).toString();
  const name = job.name.replace(/\s+/g, " ").trim();
  const lines =
    outcome === "completed"
      ? [
          `The highlights of "${name}" are ready: clips, a highlight reel, chapters and captions.`,
          "",
          `See them: ${link}`,
        ]
      : [
          `The highlights of "${name}" could not be made.`,
          "",
          failureExplanation(job.errorCode ?? "internal").sentence,
          `If you contact support, give them this code: ${job.errorCode ?? "internal"}`,
          "",
          `See the job: ${link}`,
        ];
  return {
    from: env.EMAIL_FROM ?? `notifications@${new URL(env.PUBLIC_BASE_URL).hostname}`,
    to,
    subject:
      outcome === "completed"
        ? `Your highlights of "${name}" are ready`
        : `Your highlights of "${name}" could not be made`,
    text: [
      "Hello,",
      "",
      ...lines,
      "",
      "Lecture Highlights",
      "",
      `You get this email because you asked for one when a job ${outcome === "completed" ? "completes" : "fails"}.`,
      `Change that in your settings: ${settings}`,
      "",
    ].join("\n"),
    messageId: `<job-${job.id}.${outcome}.${job.userId}@${new URL(env.PUBLIC_BASE_URL).hostname}>`,
  };
}

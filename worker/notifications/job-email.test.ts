import { describe, expect, it } from "vitest";
import { jobOutcome, jobOutcomeEmail } from "./job-email.ts";

const env = { PUBLIC_BASE_URL: "https://highlights.example", EMAIL_FROM: "notifications@highlights.example" };
const job = {
  id: "3f0c9a52-8d47-4c6e-9a55-1d2b3c4d5e6f",
  userId: "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4",
  name: "Week 3:\n Derivatives",
  status: "completed" as const,
  errorCode: null,
};

describe("the email about a finished job", () => {
  it("names the job on one line and links to its page, with a Message-ID stable per job, user and outcome", () => {
    const message = jobOutcomeEmail(env, job, "ada@example.com");
    expect(message).toMatchObject({
      from: "notifications@highlights.example",
      to: "ada@example.com",
      subject: 'Your highlights of "Week 3: Derivatives" are ready',
      messageId: `<job-${job.id}.completed.${job.userId}@highlights.example>`,
    });
    expect(message.text).toContain(`See them: https://highlights.example/#/jobs/${job.id}`);
    expect(message.text).toContain("https://highlights.example/#/settings");
    expect(jobOutcomeEmail(env, job, "ada@example.com")).toEqual(message);
  });

  it("falls back to the plain words for an unknown code, and has no outcome for a job that did not finish", () => {
    const failed = jobOutcomeEmail(env, { ...job, status: "failed", errorCode: "something_new" }, "ada@example.com");
    expect(failed.text).toContain("Something went wrong on our side.");
    expect(jobOutcome({ status: "cancelled" })).toBeNull();
    expect(() => jobOutcomeEmail(env, { ...job, status: "cancelled" }, "ada@example.com")).toThrow();
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processLecture } from "../../infra/cli/process-lecture.ts";
import { signIn } from "../../infra/cli/sign-in.ts";
import { loadStackConfig } from "../../infra/local/config.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import { calculusLecture, shortScript } from "../../infra/sample-lecture/scripts.ts";
import { JobsApi } from "../../worker/client/jobs-api.ts";
import { testPortOffset, testStackEnv } from "../services.ts";

/** Far longer than the test may take: a job that waited for its lease to expire would time out. */
const leaseSeconds = 900;

/**
 * What a container host does on a deploy or a restart: SIGTERM to the media worker in the middle
 * of a job. The worker reports `interrupted`, the Worker dispatches the next attempt at once (the
 * local launcher starts a new media worker, as the fleet would start a new container), and the
 * job completes on it, resuming after the stages that were checkpointed, long before the lease,
 * and although the job was allowed a single attempt: an interruption does not spend one.
 */
describe("SIGTERM to the media worker mid-job", () => {
  // One attempt per job: an interruption must not spend it, or the job would fail here.
  const config = loadStackConfig({
    ...testStackEnv(testPortOffset() + 300),
    LH_JOB_LEASE_SECONDS: String(leaseSeconds),
    LH_JOB_MAX_ATTEMPTS: "1",
  });
  const stack = new LocalStack(config);
  const mediaWorkerPid = () => Number(readFileSync(join(config.dataDir, "logs", "media-worker.pid"), "utf8"));

  beforeAll(() => stack.start(), 240_000);
  afterAll(() => stack.stop());

  it("completes on the next attempt without waiting for the lease", async () => {
    const lecture = await generateLecture({ script: shortScript(calculusLecture, 2, 2), height: 360 });
    const connection = await signIn(
      stack.apiUrl,
      { email: `sigterm-${Date.now()}@example.com`, password: "a sigterm test password" },
      { registerIfMissing: true },
    );
    let interruptedAt = 0;
    const interruptOnce = (line: string) => {
      if (interruptedAt === 0 && line.includes("stage audio completed")) {
        interruptedAt = Date.now();
        process.kill(mediaWorkerPid(), "SIGTERM");
      }
    };
    const report = await processLecture(connection, lecture.path, { log: interruptOnce });

    expect(interruptedAt).toBeGreaterThan(0);
    expect(report.outcome.type).toBe("completed");
    const job = await new JobsApi(connection).get(report.jobId);
    expect(job).toMatchObject({ status: "completed", attempt: 2, error: null });
    const secondsToComplete = (Date.now() - interruptedAt) / 1000;
    console.log(JSON.stringify({ msg: "completed after SIGTERM", seconds: secondsToComplete }));
    expect(secondsToComplete).toBeLessThan(leaseSeconds);
  }, 600_000);
});

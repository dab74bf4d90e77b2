import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processLecture } from "../../infra/cli/process-lecture.ts";
import { signIn } from "../../infra/cli/sign-in.ts";
import { loadStackConfig } from "../../infra/local/config.ts";
import { scheduledUrl } from "../../infra/local/cron-ticker.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import { calculusLecture, shortScript } from "../../infra/sample-lecture/scripts.ts";
import { JobsApi } from "../../worker/client/jobs-api.ts";
import { testPortOffset, testStackEnv } from "../services.ts";
import { type FakeOpenAI, type FakeReply, startFakeOpenAI } from "../support/fake-openai-server.ts";

const leaseSeconds = 5;
/** Every AI answer takes this long: more than two leases with no progress report in between. */
const answerDelayMs = (2 * leaseSeconds + 4) * 1000;

const fixture = (path: string) => import(path, { with: { type: "json" } }).then((m) => m.default as unknown);

/**
 * The lease is held by heartbeats, not by progress: with AI calls that each outlast the lease
 * and the cron recovering expired leases in the middle of every call, the job still completes on
 * its first attempt through the whole local stack (wrangler dev, the real queue, the media worker).
 */
describe("a job whose AI calls outlast the lease", () => {
  const stack = new LocalStack(
    loadStackConfig({ ...testStackEnv(testPortOffset() + 200), LH_JOB_LEASE_SECONDS: String(leaseSeconds) }),
  );
  const cronTicks: number[] = [];
  let fake: FakeOpenAI;
  const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };

  /** Mid-answer, after the lease would have expired, run the cron that re-dispatches expired leases. */
  const slowly = (body: unknown) => (): FakeReply => {
    setTimeout(
      () => {
        fetch(scheduledUrl(stack.apiUrl))
          .then((answer) => cronTicks.push(answer.status))
          .catch(() => cronTicks.push(0));
      },
      (leaseSeconds + 3) * 1000,
    );
    return { body, delayMs: answerDelayMs };
  };

  beforeAll(async () => {
    const [transcription, analysis] = await Promise.all([
      fixture("../../agents/transcription/fixtures/verbose-piece-1.json"),
      fixture("../../agents/content/llm/fixtures/whole-lecture.json"),
    ]);
    fake = await startFakeOpenAI({
      "/v1/audio/transcriptions": { fallback: slowly(transcription) },
      "/v1/chat/completions": { fallback: slowly(analysis) },
    });
    // The media worker inherits the launcher's environment: these turn its agents to the test server.
    process.env.OPENAI_API_KEY = "slow-ai-test-key";
    process.env.OPENAI_BASE_URL = fake.baseUrl;
    await stack.start();
  }, 240_000);

  afterAll(async () => {
    await stack.stop();
    await fake?.close();
    process.env.OPENAI_API_KEY = saved.key;
    process.env.OPENAI_BASE_URL = saved.url;
    if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
    if (saved.url === undefined) delete process.env.OPENAI_BASE_URL;
  });

  it("completes on attempt 1 although the cron ran while each call was outstanding", async () => {
    const lecture = await generateLecture({ script: shortScript(calculusLecture, 2, 2), height: 360 });
    const connection = await signIn(
      stack.apiUrl,
      { email: `slow-ai-${Date.now()}@example.com`, password: "a slow AI password" },
      { registerIfMissing: true },
    );
    const report = await processLecture(connection, lecture.path, { log: () => {} });

    expect(report.outcome.type).toBe("completed");
    const job = await new JobsApi(connection).get(report.jobId);
    expect(job).toMatchObject({ status: "completed", attempt: 1, error: null });
    const paths = fake.requests.map((request) => request.path);
    expect(paths).toContain("/v1/audio/transcriptions");
    expect(paths).toContain("/v1/chat/completions");
    // Each recovery ran while a call was outstanding and past the lease a progress report would have held.
    expect(cronTicks.filter((status) => status === 200).length).toBeGreaterThanOrEqual(2);
  }, 600_000);
});

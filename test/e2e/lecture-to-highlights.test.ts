import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processLecture } from "../../infra/cli/process-lecture.ts";
import { signIn } from "../../infra/cli/sign-in.ts";
import { loadStackConfig, projectRoot } from "../../infra/local/config.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import { calculusLecture, shortScript, sortingLecture } from "../../infra/sample-lecture/scripts.ts";
import type { ApiConnection } from "../../worker/client/api-request.ts";
import type { JobResults } from "../../worker/client/jobs-api.ts";
import { JobsApi } from "../../worker/client/jobs-api.ts";
import { testPortOffset, testStackEnv } from "../services.ts";

const run = promisify(execFile);

/**
 * The whole product on the local stack: the CLI uploads a generated lecture, the job goes
 * through the real queue to the real media worker (one slot), the agents decide, results come
 * back. Two lectures at once make the second dispatch meet a busy worker.
 */
describe("a lecture, end to end through the local stack", () => {
  const stack = new LocalStack(
    loadStackConfig({ ...testStackEnv(testPortOffset() + 500), LH_MEDIA_WORKER_CONCURRENCY: "1" }),
  );
  const credentials = { email: `e2e-${Date.now()}@example.com`, password: "an end-to-end password" };
  let connection: ApiConnection;

  beforeAll(async () => {
    await stack.start();
    connection = await signIn(stack.apiUrl, credentials, { registerIfMissing: true });
  }, 240_000);
  afterAll(() => stack.stop());

  it("the CLI turns a lecture into highlights, clips and a reel; a busy media worker delays the second job", async () => {
    const [first, second] = await Promise.all([
      generateLecture({ script: shortScript(calculusLecture, 3, 3), height: 360 }),
      generateLecture({ script: shortScript(sortingLecture, 3, 3), height: 360 }),
    ]);
    const [cli, other] = await Promise.all([
      run(
        process.execPath,
        [
          "--import",
          "tsx",
          join(projectRoot, "infra/cli/highlights.ts"),
          first.path,
          "--api",
          stack.apiUrl,
          "--chapters",
          "2",
          "--json",
        ],
        { cwd: projectRoot, env: { ...process.env, LH_EMAIL: credentials.email, LH_PASSWORD: credentials.password } },
      ),
      processLecture(connection, second.path, { log: () => {} }),
    ]);

    const results = JSON.parse(cli.stdout) as JobResults;
    expect(results.highlights.length).toBeGreaterThan(0);
    expect(results.highlights.map((h) => h.start)).toEqual(
      results.highlights.map((h) => h.start).toSorted((a, b) => a - b),
    );
    // The chapter count the user asked for on the command line reaches the analysis.
    expect(results.chapters.length).toBe(2);
    expect(results.reel?.duration).toBeGreaterThan(0);
    const clip = await fetch(results.highlights[0]!.clip!);
    expect(clip.status).toBe(200);
    expect(clip.headers.get("content-type") ?? "").toMatch(/video|octet/);
    expect(cli.stderr).toContain("stage compilation completed");

    expect(other.outcome.type).toBe("completed");
    const job = await new JobsApi(connection).get(other.jobId);
    expect(job).toMatchObject({ status: "completed", attempt: 1, error: null });
    expect(Object.values(job.stages).every((s) => s.status === "completed" || s.status === "skipped")).toBe(true);

    // The media worker has one slot: whichever job came second was refused (503) and retried.
    const metrics = await (
      await fetch(`http://127.0.0.1:${stack.config.ports.mediaWorker}/metrics`, {
        headers: { authorization: `Bearer ${stack.config.secrets.metrics}` },
      })
    ).text();
    expect(Number(/^lh_jobs_rejected_busy_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(/^lh_jobs_accepted_total (\d+)/m.exec(metrics)?.[1])).toBe(2);
    // ~70 s alone; the browser suite runs a pipeline of its own beside it on two cores.
  }, 240_000);
});

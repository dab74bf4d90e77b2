import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { loadStackConfig, projectRoot } from "../../infra/local/config.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { testPortOffset, testStackEnv } from "../services.ts";
import { type Launch, launchStack } from "./launcher.ts";

/** This suite runs whole stacks of its own, on ports and folders apart from the test services. */
const stackEnv = (offset: number) => testStackEnv(testPortOffset() + offset);

type Readiness = { status: string; down: string[] };
/** Readiness (as the operator sees it, given the token) once it answers `status`: checks are cached for a few seconds. */
const readiness = async (api: string, status: number, operatorToken = "") => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(`${api}/health/ready`, { headers: { authorization: `Bearer ${operatorToken}` } });
    const body = (await response.json()) as Readiness;
    if (response.status === status || Date.now() > deadline) return { status: response.status, body };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
};

describe("local stack", () => {
  const stack = new LocalStack(loadStackConfig(stackEnv(300)));
  afterAll(() => stack.stop());

  it("reports ready with every part up, and 503 naming storage while the S3 server is stopped", async () => {
    await stack.start();
    expect(await readiness(stack.apiUrl, 200, stack.config.secrets.operator)).toEqual({
      status: 200,
      body: expect.objectContaining({ status: "ok", down: [] }),
    });

    // The launcher's cron ticker fires the Worker's scheduled handler through this endpoint.
    expect((await fetch(`${stack.apiUrl}/cdn-cgi/local/scheduled`)).status).toBe(200);

    await stack.parts.s3!.stop();
    expect(await readiness(stack.apiUrl, 503, stack.config.secrets.operator)).toEqual({
      status: 503,
      body: expect.objectContaining({ down: ["storage"] }),
    });

    await stack.parts.s3!.start();
    expect((await readiness(stack.apiUrl, 200, stack.config.secrets.operator)).status).toBe(200);
  });
});

describe("npm run stack", () => {
  const env = stackEnv(400);
  const launches: Launch[] = [];
  afterAll(() => {
    for (const { launcher } of launches) launcher.kill("SIGINT");
  });
  const launch = () => {
    const started = launchStack(projectRoot, env);
    launches.push(started);
    return started;
  };

  it("prints one ready line, survives its own crash on the next start, and stops everything on SIGINT", async () => {
    rmSync(env.LH_DATA_DIR!, { recursive: true, force: true });
    const first = launch();
    expect(await first.ready).toMatchObject({ status: "ready", api: `http://127.0.0.1:${env.LH_API_PORT}` });

    // A crash: the launcher dies without stopping PostgreSQL, the media worker or wrangler.
    first.launcher.kill("SIGKILL");
    const second = launch();
    const { api } = await second.ready;
    expect((await readiness(api, 200)).status).toBe(200);

    second.launcher.kill("SIGINT");
    expect((await second.exited).code).toBe(0);
    await expect(fetch(`${api}/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${env.LH_MEDIA_WORKER_PORT}/health`)).rejects.toThrow();
  });
});

import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { loadStackConfig, projectRoot } from "../../infra/local/config.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { testPortOffset, testStackEnv } from "../services.ts";

/** This suite runs whole stacks of its own, on ports and folders apart from the test services. */
const stackEnv = (offset: number) => testStackEnv(testPortOffset() + offset);

type Readiness = { status: string; down: string[] };
const readiness = async (api: string) => {
  const response = await fetch(`${api}/health/ready`);
  return { status: response.status, body: (await response.json()) as Readiness };
};

describe("local stack", () => {
  const stack = new LocalStack(loadStackConfig(stackEnv(300)));
  afterAll(() => stack.stop());

  it("reports ready with every part up, and 503 naming storage while the S3 server is stopped", async () => {
    await stack.start();
    expect(await readiness(stack.apiUrl)).toEqual({
      status: 200,
      body: expect.objectContaining({ status: "ok", down: [] }),
    });

    // The launcher's cron ticker fires the Worker's scheduled handler through this endpoint.
    expect((await fetch(`${stack.apiUrl}/cdn-cgi/local/scheduled`)).status).toBe(200);

    await stack.parts.s3!.stop();
    expect(await readiness(stack.apiUrl)).toEqual({
      status: 503,
      body: expect.objectContaining({ down: ["storage"] }),
    });

    await stack.parts.s3!.start();
    expect((await readiness(stack.apiUrl)).status).toBe(200);
  });
});

describe("npm run stack", () => {
  const env = stackEnv(400);
  const launchers: ChildProcess[] = [];
  afterAll(() => {
    for (const launcher of launchers) launcher.kill("SIGINT");
  });

  /** Starts the launcher as `npm run stack` does and resolves with its "ready" line. */
  function launch(): Promise<{ launcher: ChildProcess; ready: { status: string; api: string } }> {
    const launcher = spawn(
      process.execPath,
      ["--import", "tsx", join(projectRoot, "infra/local/main.ts"), "--stack-only"],
      {
        cwd: projectRoot,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    launchers.push(launcher);
    let stderr = "";
    launcher.stderr!.on("data", (chunk) => (stderr += chunk));
    return new Promise((resolve, reject) => {
      createInterface({ input: launcher.stdout! }).on("line", (line) => {
        if (line.includes('"ready"')) resolve({ launcher, ready: JSON.parse(line) });
      });
      launcher.on("exit", (code) => reject(new Error(`launcher exited with ${code}:\n${stderr}`)));
    });
  }

  it("prints one ready line, survives its own crash on the next start, and stops everything on SIGINT", async () => {
    rmSync(env.LH_DATA_DIR!, { recursive: true, force: true });
    const first = await launch();
    expect(first.ready).toMatchObject({ status: "ready", api: `http://127.0.0.1:${env.LH_API_PORT}` });

    // A crash: the launcher dies without stopping PostgreSQL, the media worker or wrangler.
    first.launcher.kill("SIGKILL");
    const second = await launch();
    expect((await readiness(second.ready.api)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => second.launcher.on("exit", resolve));
    second.launcher.kill("SIGINT");
    expect(await exited).toBe(0);
    await expect(fetch(`${second.ready.api}/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${env.LH_MEDIA_WORKER_PORT}/health`)).rejects.toThrow();
  });
});

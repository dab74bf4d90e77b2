import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { waitFor } from "../../infra/local/child-process.ts";
import { loadStackConfig } from "../../infra/local/config.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { testPortOffset, testStackEnv } from "../services.ts";
import { processTable } from "../support/process-tree.ts";

describe("local stack crash recovery", () => {
  const config = loadStackConfig(testStackEnv(testPortOffset() + 900));
  const stack = new LocalStack(config, { api: false });
  const pidFile = join(config.dataDir, "logs", "media-worker.pid");
  const health = `http://127.0.0.1:${config.ports.mediaWorker}/health`;
  const pidNow = () => Number(readFileSync(pidFile, "utf8"));
  afterAll(() => stack.stop());

  it("starts a SIGKILLed media worker again: healthy, its orphans killed and its scratch removed, the restart logged once", async () => {
    await stack.start();
    const launcherLines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string, ...rest: never[]) => {
      launcherLines.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    const first = pidNow();
    // What the dead worker leaves: a job's scratch and a recognizer in a group of its own.
    const scratch = join(config.dataDir, "scratch");
    const leftScratch = join(scratch, `${randomUUID()}-${first}-1`);
    mkdirSync(leftScratch, { recursive: true });
    const orphan = spawn("sleep", ["300"], { detached: true, stdio: "ignore" });
    orphan.unref();
    writeFileSync(join(scratch, "process-groups", String(orphan.pid)), "sleep");
    // What a host does to a container it gives up on: the whole process group, no grace.
    process.kill(-first, "SIGKILL");
    await waitFor("the media worker to come back", async () => pidNow() !== first && (await fetch(health)).ok, 60_000);
    process.stderr.write = write;
    expect(stack.parts.mediaWorker!.running).toBe(true);
    expect(existsSync(leftScratch)).toBe(false);
    expect(processTable().some((p) => p.pid === orphan.pid)).toBe(false);
    const restarts = launcherLines.filter((line) => line.includes('"process died; restarting"'));
    expect(restarts).toHaveLength(1);
    expect(JSON.parse(restarts[0]!)).toMatchObject({ name: "media-worker", signal: "SIGKILL" });
  });
});

import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../infra/local/config.ts";
import { testPortOffset, testStackEnv } from "../services.ts";
import { launchStack, refusesConnections } from "./launcher.ts";

describe("a part of the stack that cannot start", () => {
  // An offset of its own: the launcher stops whatever the pid files of its data folder name.
  const env = testStackEnv(testPortOffset() + 700);
  const squatter = createServer();
  afterAll(() => new Promise((resolve) => squatter.close(resolve)));

  it("is named in one last line with the reason and the fix; the launcher exits 1 and leaves nothing running", async () => {
    const apiPort = Number(env.LH_API_PORT);
    await new Promise<void>((resolve) => squatter.listen(apiPort, "127.0.0.1", resolve));

    const { code, stderr } = await launchStack(projectRoot, env).exited;

    expect(code).toBe(1);
    expect(stderr.trimEnd().split("\n").at(-1)).toBe(
      `api cannot start: port 127.0.0.1:${apiPort} is already in use. ` +
        `Fix: stop what listens there (ss -ltnp 'sport = :${apiPort}' shows it) or set LH_API_PORT to a free port`,
    );
    for (const port of [env.LH_POSTGRES_PORT, env.LH_S3_PORT, env.LH_NEON_BRIDGE_PORT, env.LH_MEDIA_WORKER_PORT]) {
      expect(await refusesConnections(Number(port))).toBe(true);
    }
    const logs = readdirSync(join(env.LH_DATA_DIR!, "logs"), { withFileTypes: true }).map((entry) => entry.name);
    expect(logs.filter((name) => name.endsWith(".pid"))).toEqual([]);
  });
});

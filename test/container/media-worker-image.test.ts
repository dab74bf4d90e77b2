import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processLecture } from "../../infra/cli/process-lecture.ts";
import { signIn } from "../../infra/cli/sign-in.ts";
import { imageExists, imageSizeBytes, images, podmanAvailable, podmanRunFlags } from "../../infra/container/podman.ts";
import { waitFor } from "../../infra/local/child-process.ts";
import { loadStackConfig, mediaWorkerEnv } from "../../infra/local/config.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import { runTool } from "../../infra/sample-lecture/run-tool.ts";
import { calculusLecture, shortScript } from "../../infra/sample-lecture/scripts.ts";
import { JobsApi } from "../../worker/client/jobs-api.ts";
import { testPortOffset, testStackEnv } from "../services.ts";

/** Why the suite cannot run here, or null: CI has no podman, and the image takes minutes to build. */
function skipReason(): string | null {
  if (!podmanAvailable()) return "podman is not installed (apt-get install -y podman runc debootstrap)";
  if (!imageExists(images.mediaWorker)) return `no ${images.mediaWorker} image: run npm run container:image`;
  return null;
}

/**
 * Seen from inside the container, slirp4netns's 10.0.2.2 is the host's loopback, where the stack
 * listens. The Worker hands out report URLs on `localhost` (the name /internal/* answers on), so
 * the container's `localhost` is pointed there too; podman writes `--add-host` lines first.
 */
const hostLoopback = "10.0.2.2";

/** The container's peak memory as its cgroup (v1 here) recorded it, or null where the file is elsewhere. */
async function peakMemoryBytes(container: string): Promise<number | null> {
  const cgroup = (await runTool("podman", ["inspect", "--format", "{{.State.CgroupPath}}", container])).trim();
  try {
    return Number(readFileSync(`/sys/fs/cgroup/memory${cgroup}/memory.max_usage_in_bytes`, "utf8"));
  } catch {
    return null;
  }
}

const reason = skipReason();
if (reason) console.warn(`test/container/media-worker-image.test.ts skipped: ${reason}`);

/**
 * The media worker image as a container host runs it: the test stack without its own media
 * worker, and the image in its place behind a port mapping on 127.0.0.1, reaching the stack's S3
 * server and Worker through the host's loopback. One job goes through it from upload to results.
 */
describe.skipIf(reason)(`the media worker image in podman${reason ? ` (skipped: ${reason})` : ""}`, () => {
  const config = loadStackConfig(testStackEnv(testPortOffset() + 1100));
  const stack = new LocalStack(config, { mediaWorker: false });
  const container = `lh-media-worker-test-${config.ports.mediaWorker}`;
  const mediaWorkerUrl = `http://127.0.0.1:${config.ports.mediaWorker}`;

  beforeAll(async () => {
    await stack.start();
    await runTool("podman", ["rm", "--force", "--ignore", container]);
    const env = {
      ...mediaWorkerEnv(config),
      HOST: "0.0.0.0",
      PORT: "8080",
      S3_ENDPOINT: `http://localhost:${config.ports.s3}`,
      SCRATCH_DIR: "/tmp/lecture-highlights",
    };
    await runTool("podman", [
      "run",
      "--detach",
      "--name",
      container,
      ...podmanRunFlags,
      "--network",
      "slirp4netns:allow_host_loopback=true",
      "--add-host",
      `localhost:${hostLoopback}`,
      "--publish",
      `127.0.0.1:${config.ports.mediaWorker}:8080`,
      ...Object.entries(env).flatMap(([name, value]) => ["--env", `${name}=${value}`]),
      images.mediaWorker,
    ]);
    await waitFor("the media worker container", async () => (await fetch(`${mediaWorkerUrl}/health`)).ok);
  }, 240_000);

  afterAll(async () => {
    await runTool("podman", ["rm", "--force", "--ignore", container]);
    await stack.stop();
  });

  it("processes one job end to end", async () => {
    const lecture = await generateLecture({ script: shortScript(calculusLecture, 2, 2), height: 360 });
    const connection = await signIn(
      stack.apiUrl,
      { email: `container-${Date.now()}@example.com`, password: "a container test password" },
      { registerIfMissing: true },
    );
    const started = performance.now();
    const report = await processLecture(connection, lecture.path, { log: () => {} });
    const jobSeconds = (performance.now() - started) / 1000;

    expect(report.outcome.type).toBe("completed");
    const job = await new JobsApi(connection).get(report.jobId);
    expect(job).toMatchObject({ status: "completed", error: null });
    // The stack runs no media worker of its own: the job can only have run in the container.
    expect(await runTool("podman", ["logs", container])).toContain(report.jobId);

    console.log(
      JSON.stringify({
        msg: "job through the media worker container",
        jobSeconds: Math.round(jobSeconds * 10) / 10,
        peakMemoryBytes: await peakMemoryBytes(container),
        imageBytes: imageSizeBytes(images.mediaWorker),
      }),
    );
  }, 600_000);
});

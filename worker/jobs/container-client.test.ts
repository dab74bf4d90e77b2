import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import type { JobSpec } from "../../agents/contracts/media-protocol.ts";
import { ContainerRuntimeStandIn, withMediaWorkerContainer } from "../../test/support/worker/container-runtime.ts";
import { receiverPath } from "../../test/support/worker/webhooks.ts";
import type { Env } from "../env.ts";
import { containerMediaWorker } from "./container-client.ts";
import { mediaFleet } from "./media-fleet.ts";
import type { MediaWorkerContainer } from "./media-worker-container.ts";

/*
 * Contract tests of the Containers path. workerd here has no container runtime (no Docker
 * engine), so `ctx.container` is a stand-in whose port forwards to the real media worker that
 * `npm test` starts; everything above it — @cloudflare/containers' start-up, port checks and
 * proxying, our class, the client, the signed protocol — is the real code.
 */
const testEnv = env as unknown as Env;

function specFor(jobId = crypto.randomUUID()): JobSpec {
  return {
    jobId,
    attempt: 1,
    input: { key: `uploads/nobody/${jobId}/source.mp4`, contentType: "video/mp4", sizeBytes: 1000 },
    options: { chapters: "auto", language: "en" },
    reportUrl: receiverPath().url,
    leaseSeconds: 120,
  };
}

/** The client over one container instance, as `getContainer(env.MEDIA_WORKER, jobId)` gives it. */
function clientOver(container: MediaWorkerContainer, jobId: string) {
  return containerMediaWorker(testEnv, (name) => {
    if (name !== jobId) throw new Error(`job ${name} reached the container of job ${jobId}`);
    return container;
  });
}

describe("Cloudflare Containers dispatch", () => {
  it("starts the job's container with the Worker's secrets and has its media worker accept the job", async () => {
    const spec = specFor();
    await withMediaWorkerContainer(testEnv, async (container, runtime) => {
      expect(await clientOver(container, spec.jobId).submit(spec)).toEqual({ outcome: "accepted" });
      expect(runtime.starts).toHaveLength(1);
      expect(runtime.starts[0]!.env).toMatchObject({
        MEDIA_WORKER_SECRET: testEnv.MEDIA_WORKER_SECRET,
        S3_BUCKET: testEnv.S3_BUCKET,
        S3_ACCESS_KEY_ID: testEnv.S3_ACCESS_KEY_ID,
        CONCURRENCY: "1",
        PORT: "8080",
      });
      expect(runtime.paths).toContain("/jobs");
    });
  });

  it("answers busy when the fleet is at max_instances, so the job waits instead of failing", async () => {
    const spec = specFor();
    const full = new ContainerRuntimeStandIn(testEnv.MEDIA_WORKER_URL, false);
    const result = await withMediaWorkerContainer(
      testEnv,
      (container) => clientOver(container, spec.jobId).submit(spec),
      full,
    );
    expect(result).toMatchObject({ outcome: "busy" });
    expect(full.paths).toEqual([]);
  }, 60_000);

  it("sends the cancel to the instance that runs the job", async () => {
    const spec = specFor();
    await withMediaWorkerContainer(testEnv, async (container, runtime) => {
      const client = clientOver(container, spec.jobId);
      expect(await client.submit(spec)).toEqual({ outcome: "accepted" });
      await client.cancel(spec.jobId, spec.attempt);
      expect(runtime.paths).toEqual(expect.arrayContaining(["/jobs", `/jobs/${spec.jobId}/cancel`]));
      expect(runtime.starts).toHaveLength(1);
    });
  });

  it("logs a stopped instance and starts it again for the next attempt", async () => {
    const spec = specFor();
    const logged = vi.spyOn(console, "log");
    await withMediaWorkerContainer(testEnv, async (container, runtime) => {
      const client = clientOver(container, spec.jobId);
      expect(await client.submit(spec)).toEqual({ outcome: "accepted" });
      runtime.stop(137); // the host restarted: SIGKILL after the grace period
      await vi.waitFor(async () => expect((await container.getState()).status).toBe("stopped_with_code"));
      const next = { ...spec, attempt: 2 };
      expect(await client.submit(next)).toEqual({ outcome: "accepted" });
      expect(runtime.starts).toHaveLength(2);
      const stops = logged.mock.calls
        .map(([line]) => String(line))
        .filter((line) => line.includes("container stopped"));
      expect(stops.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({ exitCode: 137, reason: "exit" }),
      ]);
    });
    logged.mockRestore();
  });

  it("keeps the container awake on each heartbeat", async () => {
    await withMediaWorkerContainer(testEnv, async (container) => {
      const idleDeadline = () => (container as unknown as { sleepAfterMs: number }).sleepAfterMs;
      const before = idleDeadline();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await clientOver(container, "job").keepAwake("job");
      expect(idleDeadline()).toBeGreaterThan(before);
      expect(idleDeadline()).toBeGreaterThanOrEqual(Date.now() + 4 * 60_000);
    });
  });

  it("is chosen by MEDIA_FLEET alone", () => {
    expect(() => mediaFleet({ ...testEnv, MEDIA_FLEET: "kubernetes" })).toThrow(/MEDIA_FLEET must be/);
    expect(mediaFleet({ ...testEnv, MEDIA_FLEET: "containers" })).toBeDefined();
    expect(mediaFleet({ ...testEnv, MEDIA_FLEET: "http" })).toBeDefined();
  });
});

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postToMediaWorker } from "../../agents/contracts/media-worker-request.ts";
import { projectRoot } from "../../infra/local/config.ts";
import { loadConfig } from "../../media-worker/src/config.ts";
import { type MediaWorker, startMediaWorker } from "../../media-worker/src/server.ts";
import { startEventsReceiver } from "../support/events-receiver.ts";
import { groundTruthAgents } from "../support/ground-truth-agents.ts";
import { freePort, mediaWorkerS3Env, startTestS3, type TestS3 } from "../support/local-s3.ts";
import { tinyLecture, uploadJob } from "../support/pipeline-harness.ts";

const secret = "monitoring-test-secret-0123456789";
const metricsToken = "monitoring-test-metrics-token";
let s3: TestS3;
let worker: MediaWorker;
let receiver: Awaited<ReturnType<typeof startEventsReceiver>>;
let scrape = "";

/** Metric names in a Prometheus text exposition, with each histogram's series names. */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(name! + suffix);
  }
  return names;
}

const namedIn = (path: string) => [...new Set(readFileSync(join(projectRoot, path), "utf8").match(/\blh_[a-z0-9_]+/g))];

beforeAll(async () => {
  s3 = await startTestS3();
  receiver = await startEventsReceiver(secret);
  const lecture = await tinyLecture();
  const spec = await uploadJob(s3.store(), lecture.path, "mp4");
  const config = loadConfig({
    PORT: String(await freePort()),
    MEDIA_WORKER_SECRET: secret,
    ...mediaWorkerS3Env(s3),
    METRICS_TOKEN: metricsToken,
    CONCURRENCY: "1",
    SCRATCH_DIR: mkdtempSync(join(tmpdir(), "lh-monitoring-")),
  });
  worker = await startMediaWorker(config, groundTruthAgents(lecture.truth, { selectDelayMs: 0 }).agents);
  // One job through, so that the labelled series have values to show.
  spec.reportUrl = receiver.url(spec.jobId);
  expect((await postToMediaWorker({ url: worker.url, secret }, "/jobs", spec)).status).toBe(202);
  await receiver.waitFor((e) => e.jobId === spec.jobId && e.type === "completed");
  const scraped = await fetch(`${worker.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(scraped.status).toBe(200);
  scrape = await scraped.text();
}, 180_000);
afterAll(async () => {
  await worker?.shutdown("test over");
  await receiver?.stop();
  await s3?.stop();
});

describe("monitoring of the media fleet", () => {
  it("exports per-stage durations, jobs by outcome, child processes and scratch bytes", () => {
    expect(scrape).toMatch(/^lh_stage_duration_seconds_bucket\{.*stage="compilation".*outcome="completed"/m);
    expect(scrape).toMatch(/^lh_jobs_finished_total\{outcome="completed",code=""\} 1$/m);
    expect(exportedNames(scrape)).toContain("lh_child_processes");
    expect(Number(/^lh_scratch_bytes (\S+)$/m.exec(scrape)?.[1])).toBeGreaterThanOrEqual(0);
  });

  it.each(["infra/monitoring/dashboard.json", "infra/monitoring/alerts.yml"])(
    "%s names only metrics the media worker exports",
    (path) => {
      const named = namedIn(path);
      expect(named.length).toBeGreaterThan(5);
      const exported = exportedNames(scrape);
      expect(named.filter((name) => !exported.has(name))).toEqual([]);
    },
  );

  it("alerts on failing jobs, lease risk, queue backlog, lost reports and disk", () => {
    const alerts = readFileSync(join(projectRoot, "infra/monitoring/alerts.yml"), "utf8");
    const names = [...alerts.matchAll(/- alert: (\w+)/g)].map(([, name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        "JobsFailing",
        "LeaseAtRisk",
        "QueueBacklog",
        "EventReportsFailing",
        "ScratchDiskFilling",
      ]),
    );
  });
});

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { childProcessesByCommand, folderBytes } from "./process-census.ts";

/**
 * Prometheus metrics of the media worker, served as text at `GET /metrics`. The dashboard and
 * alert rules in infra/monitoring/ name only these (test/integration/monitoring.test.ts).
 */
export const registry = new Registry();
let scratchDir: string | undefined;
collectDefaultMetrics({ register: registry, prefix: "lh_media_" });

export const metrics = {
  jobsInFlight: new Gauge({ name: "lh_jobs_in_flight", help: "Jobs being processed now", registers: [registry] }),
  jobsAccepted: new Counter({
    name: "lh_jobs_accepted_total",
    help: "Jobs accepted by POST /jobs",
    registers: [registry],
  }),
  jobsRejectedBusy: new Counter({
    name: "lh_jobs_rejected_busy_total",
    help: "Jobs refused with 503 because every slot was taken",
    registers: [registry],
  }),
  jobsFinished: new Counter({
    name: "lh_jobs_finished_total",
    help: "Jobs that ended, by outcome and error code",
    labelNames: ["outcome", "code"] as const,
    registers: [registry],
  }),
  stageSeconds: new Histogram({
    name: "lh_stage_duration_seconds",
    help: "Wall time of each pipeline stage",
    labelNames: ["stage", "outcome"] as const,
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 2400, 3600],
    registers: [registry],
  }),
  ffmpegSeconds: new Counter({
    name: "lh_ffmpeg_seconds_total",
    help: "Wall seconds spent in ffmpeg and ffprobe processes",
    labelNames: ["purpose"] as const,
    registers: [registry],
  }),
  /** Lost heartbeats are how a lease expires: the Worker re-dispatches an attempt that still runs. */
  reportsLost: new Counter({
    name: "lh_event_reports_lost_total",
    help: "Events the Worker never acknowledged, after retries, by type",
    labelNames: ["type"] as const,
    registers: [registry],
  }),
  childProcesses: new Gauge({
    name: "lh_child_processes",
    help: "Live child processes of the media worker (ffmpeg, ffprobe, recognizers, OCR), by command",
    labelNames: ["command"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [command, count] of childProcessesByCommand(process.pid)) this.set({ command }, count);
    },
  }),
  scratchBytes: new Gauge({
    name: "lh_scratch_bytes",
    help: "Bytes in the scratch folder (a container's disk: sources, speech tracks, renders)",
    registers: [registry],
    collect() {
      if (scratchDir) this.set(folderBytes(scratchDir));
    },
  }),
};

/** Reports this folder's size as `lh_scratch_bytes` on every scrape. */
export function measureScratch(dir: string): void {
  scratchDir = dir;
}

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Prometheus metrics of the media worker, served as text at `GET /metrics`. */
export const registry = new Registry();
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
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
    registers: [registry],
  }),
  ffmpegSeconds: new Counter({
    name: "lh_ffmpeg_seconds_total",
    help: "Wall seconds spent in ffmpeg and ffprobe processes",
    labelNames: ["purpose"] as const,
    registers: [registry],
  }),
};

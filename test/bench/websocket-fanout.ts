/**
 * `npm run bench:ws`: connects 1,000 WebSocket subscribers to one job under `wrangler dev`,
 * publishes progress reports through the signed internal endpoint (spaced beyond the room's
 * coalescing interval, so every one must arrive), and prints one JSON line with the delivery
 * latency p50/p99 and how many messages were lost.
 */
import pg from "pg";
import WebSocket from "ws";
import { signInternalRequest } from "../../agents/contracts/internal-auth.ts";
import { JobOptions } from "../../agents/contracts/job.ts";
import { workerEnv } from "../../infra/local/config.ts";
import { insertBenchUpload, registerBenchUser, startBenchStack } from "./bench-stack.ts";

const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const events = Number(process.env.BENCH_EVENTS ?? 50);
const spacingMs = 150;
/** Subscribers connect 50 at a time: each upgrade authenticates against the database once. */
const connectConcurrency = 50;

const stack = await startBenchStack(600);
try {
  const api = stack.apiUrl;
  const { user, accessToken } = await registerBenchUser(api);

  // The job is written straight into the database as running, so no media worker is involved.
  const db = new pg.Client({ connectionString: stack.config.database.url });
  await db.connect();
  const uploadId = await insertBenchUpload(db, user.id);
  const { rows } = await db.query(
    `insert into jobs (organization_id, user_id, upload_id, name, options, status, started_at, lease_expires_at)
     values ($1, $1, $2, 'Bench lecture', $3, 'processing', now(), now() + interval '1 hour') returning id`,
    [user.id, uploadId, JSON.stringify(JobOptions.parse({}))],
  );
  await db.end();
  const jobId = rows[0].id as string;

  const received: Map<number, number>[] = [];
  const subscribe = (index: number) => {
    const arrivals = new Map<number, number>();
    received[index] = arrivals;
    return new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`${api.replace("http", "ws")}/v1/jobs/${jobId}/events`, [
        "lecture-highlights.v1",
        `bearer.${accessToken}`,
      ]);
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as { type: string; stageProgress?: number };
        if (message.type === "snapshot") resolve(socket);
        if (message.type === "progress") arrivals.set(Math.round(message.stageProgress! * 1000), performance.now());
      });
      socket.on("error", reject);
    });
  };
  const connectStarted = performance.now();
  const sockets: WebSocket[] = [];
  for (let first = 0; first < subscribers; first += connectConcurrency) {
    const batch = Array.from({ length: Math.min(connectConcurrency, subscribers - first) }, (_, i) =>
      subscribe(first + i),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;

  const sentAt = new Map<number, number>();
  for (let i = 1; i <= events; i++) {
    const event = {
      jobId,
      attempt: 1,
      seq: i,
      at: new Date().toISOString(),
      type: "progress",
      stage: "transcription",
      progress: i / 1000,
    };
    const body = JSON.stringify(event);
    sentAt.set(i, performance.now());
    const url = new URL(`/internal/jobs/${jobId}/events`, workerEnv(stack.config).INTERNAL_BASE_URL);
    const call = { method: "POST", target: url.pathname, body, jobId, attempt: 1 };
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: await signInternalRequest(stack.config.secrets.internal, call),
    });
    if (!response.ok) throw new Error(`report ${i} answered ${response.status}: ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, spacingMs));
  }
  await new Promise((resolve) => setTimeout(resolve, 3_000));

  const latencies: number[] = [];
  let lost = 0;
  for (const arrivals of received) {
    for (const [key, sent] of sentAt) {
      const arrived = arrivals.get(key);
      if (arrived === undefined) lost++;
      else latencies.push(arrived - sent);
    }
  }
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 10) / 10;
  for (const socket of sockets) socket.close(1000);
  console.log(
    JSON.stringify({
      bench: "websocket-fanout",
      subscribers,
      events,
      expected: subscribers * events,
      delivered: latencies.length,
      lost,
      latency_ms_p50: percentile(0.5),
      latency_ms_p99: percentile(0.99),
      latency_ms_max: Math.round(latencies.at(-1)! * 10) / 10,
      connect_s: Math.round(connectSeconds * 100) / 100,
    }),
  );
} finally {
  await stack.stop();
}

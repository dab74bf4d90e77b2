import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { processLecture } from "../../infra/cli/process-lecture.ts";
import { signIn } from "../../infra/cli/sign-in.ts";
import { loadStackConfig } from "../../infra/local/config.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import { calculusLecture } from "../../infra/sample-lecture/scripts.ts";
import { JobsApi } from "../../worker/client/jobs-api.ts";
import { oracleChatReply } from "../eval/oracle-llm.ts";
import { testPortOffset, testStackEnv } from "../services.ts";
import { startFakeOpenAI } from "../support/fake-openai-server.ts";
import { freePort } from "../support/local-s3.ts";
import { WebhookReceiver } from "../webhook-receiver.ts";
import { piecesReusedAfterFirstAttempt, startSoakProbe } from "./soak-probes.ts";

/**
 * `npm run bench:long [-- --minutes 60 --lease 20 --delay 30]`: a generated lecture through the
 * public API on the local stack, twice. Offline (pocketsphinx, extractive), with the media
 * worker SIGKILLed once mid-transcription and brought back by the launcher; then against an
 * OpenAI-compatible test server whose every answer takes `delay` s, longer than the `lease`.
 * Prints one JSON line. A benchmark reports; it never fails on a slow day.
 */
const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "60" },
    lease: { type: "string", default: "20" },
    delay: { type: "string", default: "30" },
  },
});
const round = (n: number) => Math.round(n * 10) / 10;
const fixture = (path: string) => import(path, { with: { type: "json" } }).then((m) => m.default as unknown);

const lecture = await generateLecture({
  script: calculusLecture,
  height: 360,
  gopSeconds: 4,
  repeatToSeconds: Number(values.minutes) * 60,
});

async function soak(name: string, env: Record<string, string>, killAfterRecognizingSeconds?: number) {
  const config = loadStackConfig({ ...testStackEnv(testPortOffset() + 950), LH_MEDIA_WORKER_CONCURRENCY: "1", ...env });
  rmSync(join(config.dataDir, "scratch"), { recursive: true, force: true });
  const stack = new LocalStack(config);
  const receiver = new WebhookReceiver(await freePort());
  await Promise.all([stack.start(), receiver.start()]);
  const probe = startSoakProbe({
    logDir: join(config.dataDir, "logs"),
    scratchDir: join(config.dataDir, "scratch"),
    objectDir: join(config.dataDir, "s3"),
    killAfterRecognizingSeconds,
  });
  try {
    const { token } = await signIn(
      stack.apiUrl,
      { email: `soak-${name}-${Date.now()}@example.com`, password: "a soak password" },
      { registerIfMissing: true },
    );
    // An access token lasts 15 minutes, less than an hour-long job: the run uses an API key.
    const key = await post(stack.apiUrl, "/v1/api-keys", token, {
      name: "soak",
      scopes: ["jobs:read", "jobs:write", "uploads:write", "webhooks:manage"],
    });
    const apiKey = ((await key.json()) as { key: string }).key;
    await post(stack.apiUrl, "/v1/webhooks", apiKey, {
      url: `http://127.0.0.1:${receiver.port}/hooks/${name}`,
      eventTypes: ["job.completed", "job.failed"],
    });
    const started = performance.now();
    const report = await processLecture({ apiBase: stack.apiUrl, token: apiKey }, lecture.path, { log: () => {} });
    const wallSeconds = (performance.now() - started) / 1000;
    const job = await new JobsApi({ apiBase: stack.apiUrl, token: apiKey }).get(report.jobId);
    const webhooks = await deliveredWebhooks(receiver, name);
    return {
      outcome: report.outcome.type,
      wall_s: round(wallSeconds),
      attempts: job.attempt,
      media_worker_kills: probe.peaks.kills,
      stages_redone: await stagesRedone(config.database.url, report.jobId),
      // Pieces that were saved before the kill but recognized again afterwards (must be 0).
      ...piecesAfterKill(probe.peaks.piecesCheckpointedAtKill, join(config.dataDir, "logs"), report.jobId),
      webhooks_delivered: webhooks,
      peak_rss_mb: round(probe.peaks.rssBytes / 2 ** 20),
      peak_scratch_mb: round(probe.peaks.scratchBytes / 2 ** 20),
    };
  } finally {
    probe.stop();
    await stack.stop();
    await receiver.stop();
  }
}

/** Pieces the kill found saved, and how many of them the next attempts recognized again (must be 0). */
function piecesAfterKill(savedAtKill: Set<string>, logDir: string, jobId: string) {
  const saved = [...savedAtKill].filter((key) => key.startsWith(`jobs/${jobId}/`)).length;
  return {
    pieces_saved_at_kill: saved,
    pieces_redone: Math.max(0, saved - piecesReusedAfterFirstAttempt(logDir, jobId)),
  };
}

const post = (api: string, path: string, credential: string, body: unknown) =>
  fetch(`${api}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then(async (answer) => {
    if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
    return answer;
  });

/** Stages that an attempt completed although an earlier attempt had completed them already. */
async function stagesRedone(databaseUrl: string, jobId: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ attempt: number; stage: string }>(
      `select attempt, payload->>'stage' as stage from job_events
       where job_id = $1 and type = 'stage' and payload->>'status' = 'completed' order by attempt`,
      [jobId],
    );
    const done = new Set<string>();
    let redone = 0;
    for (const { stage } of rows) {
      if (done.has(stage)) redone++;
      done.add(stage);
    }
    return redone;
  } finally {
    await client.end();
  }
}

/** Webhooks received for the run, once the cron has had a minute to deliver them. */
async function deliveredWebhooks(receiver: WebhookReceiver, name: string): Promise<number> {
  const received = async () => {
    const answer = await fetch(`http://127.0.0.1:${receiver.port}/paths/${name}`);
    return ((await answer.json()) as { received: unknown[] }).received.length;
  };
  for (let i = 0; i < 60 && (await received()) === 0; i++) await new Promise((r) => setTimeout(r, 1000));
  return received();
}

// Killed once a good share of the pieces is saved, so the retry has checkpoints to prove itself on.
const offline = await soak("offline", {}, Math.min(300, Number(values.minutes) * 6));
const transcription = await fixture("../../agents/transcription/fixtures/verbose-piece-1.json");
const delayMs = Number(values.delay) * 1000;
// Each analysis window is answered with the lecture's own truth inside it: one recorded reply
// for every window would put its times outside all but the first, and the reply's check refuses those.
const analysis = oracleChatReply(() => lecture.truth);
const fake = await startFakeOpenAI({
  "/v1/audio/transcriptions": { fallback: () => ({ body: transcription, delayMs }) },
  "/v1/chat/completions": { fallback: (request) => ({ ...analysis(request), delayMs }) },
});
// The media worker inherits the launcher's environment: these turn its agents to the test server.
process.env.OPENAI_API_KEY = "soak-test-key";
process.env.OPENAI_BASE_URL = fake.baseUrl;
const online = await soak("openai", { LH_JOB_LEASE_SECONDS: values.lease });
await fake.close();
console.log(
  JSON.stringify({
    lecture_s: round(lecture.truth.durationSeconds),
    lease_s: Number(values.lease),
    ai_answer_delay_s: Number(values.delay),
    ai_requests: fake.requests.length,
    offline,
    openai: online,
  }),
);

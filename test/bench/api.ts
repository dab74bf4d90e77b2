/**
 * `npm run bench:api`: 32 clients in a closed loop against `GET /health` and then
 * `GET /v1/jobs` (an access token, a page of 20 jobs) on a local stack of its own, and one JSON
 * line with each route's throughput, latency percentiles and errors, and the jobs list's
 * throughput as a share of /health's. Both routes run in the same process on the same machine
 * within a minute, so the ratio is comparable even when the absolute numbers are not.
 */
import pg from "pg";
import { JobOptions } from "../../agents/contracts/job.ts";
import { insertBenchUpload, registerBenchUser, startBenchStack } from "./bench-stack.ts";
import { closedLoopLoad } from "./closed-loop-load.ts";

const clients = Number(process.env.BENCH_CLIENTS ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const jobs = 20;

const stack = await startBenchStack(Number(process.env.LH_TEST_PORT_OFFSET ?? 0) + 700);
try {
  const api = stack.apiUrl;
  const { user, accessToken } = await registerBenchUser(api);
  const db = new pg.Client({ connectionString: stack.config.database.url });
  await db.connect();
  try {
    for (let i = 0; i < jobs; i++) {
      const uploadId = await insertBenchUpload(db, user.id);
      await db.query(
        `insert into jobs (organization_id, user_id, upload_id, name, options) values ($1, $1, $2, $3, $4)`,
        [user.id, uploadId, `Bench lecture ${i + 1}`, JSON.stringify(JobOptions.parse({}))],
      );
    }
  } finally {
    // Ended before the stack stops even when seeding fails, so Postgres shutting down cannot
    // surface as an unhandled client error that hides why seeding failed.
    await db.end();
  }
  const headers = { authorization: `Bearer ${accessToken}` };
  const jobsUrl = `${api}/v1/jobs?limit=${jobs}`;
  const check = await fetch(jobsUrl, { headers });
  const page = (await check.json()) as { jobs?: unknown[] };
  if (check.status !== 200 || page.jobs?.length !== jobs)
    throw new Error(`GET /v1/jobs answered ${check.status} with ${page.jobs?.length} jobs`);
  // A short warm-up per route, so neither pays for the first compile or connections.
  await closedLoopLoad({ url: `${api}/health`, clients, seconds: 2 });
  const health = await closedLoopLoad({ url: `${api}/health`, clients, seconds });
  await closedLoopLoad({ url: jobsUrl, headers, clients, seconds: 2 });
  const list = await closedLoopLoad({ url: jobsUrl, headers, clients, seconds });
  console.log(
    JSON.stringify({
      bench: "api",
      clients,
      seconds,
      health,
      jobs_list: list,
      jobs_vs_health: Math.round((list.rps / health.rps) * 100) / 100,
    }),
  );
} finally {
  await stack.stop();
}

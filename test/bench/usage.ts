/**
 * `npm run bench:usage`: how long `GET /v1/usage`'s aggregation takes in Postgres for one
 * organization among many. Seeds `BENCH_ORGANIZATIONS` organizations (default 50) with
 * `BENCH_JOBS` jobs in all (default 200,000) spread over 36 months and every outcome, then
 * times the six-month and the 36-month report (median and slowest of 20 runs each) and prints
 * one JSON line with those numbers and the plan's access path (EXPLAIN ANALYZE).
 */
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { JobOptions } from "../../agents/contracts/job.ts";
import type { Database } from "../../db/client.ts";
import * as schema from "../../db/schema.ts";
import { loadStackConfig } from "../../infra/local/config.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { monthlyUsage, usageRows } from "../../worker/usage/aggregate.ts";
import { addMonths, monthOf } from "../../worker/usage/months.ts";
import { testStackEnv } from "../services.ts";

const organizations = Number(process.env.BENCH_ORGANIZATIONS ?? 50);
const totalJobs = Number(process.env.BENCH_JOBS ?? 200_000);
const runs = 20;

const stack = new LocalStack(loadStackConfig(testStackEnv(Number(process.env.LH_TEST_PORT_OFFSET ?? 0) + 750)), {
  mediaWorker: false,
  api: false,
});
await stack.start();
const client = new pg.Client({ connectionString: stack.config.database.url });
try {
  await client.connect();
  const owners = await client.query<{ id: string }>(
    `with made as (
       insert into users (email, password_hash)
       select 'bench-usage-' || g || '-' || gen_random_uuid() || '@example.com', 'x' from generate_series(1, $1) g
       returning id)
     insert into organizations (id, name, personal_user_id) select id, 'Bench', id from made returning id`,
    [organizations],
  );
  await client.query(
    `insert into uploads (organization_id, user_id, filename, content_type, size_bytes, object_key, status, expires_at)
     select id, id, 'b.mp4', 'video/mp4', 1, 'uploads/' || id, 'completed', now() + interval '1 day' from organizations
     where id = any($1::uuid[])`,
    [owners.rows.map((o) => o.id)],
  );
  // Each job: an organization, a moment in the last 36 months and an outcome, by its number.
  await client.query(
    `insert into jobs (organization_id, user_id, upload_id, name, options, status, duration_seconds, ai_cost_usd, created_at)
     select u.organization_id, u.user_id, u.id, 'bench', $2::jsonb,
            (array['completed','completed','completed','failed','cancelled','processing'])[1 + g % 6]::job_status,
            case when g % 6 < 3 then 600 + g % 3000 end, case when g % 6 < 3 then (g % 100) / 1000.0 end,
            now() - (g % (36 * 30 * 24)) * interval '1 hour'
     from generate_series(1, $1) g
     join lateral (select * from uploads where organization_id = ($3::uuid[])[1 + g % $4] limit 1) u on true`,
    [totalJobs, JSON.stringify(JobOptions.parse({})), owners.rows.map((o) => o.id), organizations],
  );
  await client.query("analyze jobs");
  const db = drizzle(client, { schema }) as unknown as Database;
  const owner = owners.rows[0]!.id;
  const to = monthOf(new Date());

  const time = async (months: number) => {
    const from = addMonths(to, -(months - 1));
    const took: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await monthlyUsage(db, owner, from, to);
      took.push(performance.now() - start);
    }
    took.sort((a, b) => a - b);
    const { sql, params } = usageRows(db, owner, from, to).toSQL();
    const plan = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${sql}`, params);
    const lines = plan.rows.map((row) => row["QUERY PLAN"]);
    return {
      months,
      medianMs: Number(took[runs / 2]!.toFixed(2)),
      slowestMs: Number(took.at(-1)!.toFixed(2)),
      access: lines.filter((line) => /Scan/.test(line)).map((line) => line.trim().replace(/^->\s*|\s+\(cost.*$/g, "")),
      executionMs: Number(/Execution Time: ([\d.]+)/.exec(lines.join("\n"))?.[1]),
    };
  };
  console.log(
    JSON.stringify({
      organizations,
      jobs: totalJobs,
      jobsOfOrganization: Math.round(totalJobs / organizations),
      sixMonths: await time(6),
      thirtySixMonths: await time(36),
    }),
  );
} finally {
  await client.end();
  await stack.stop();
}

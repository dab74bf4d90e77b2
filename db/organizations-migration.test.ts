import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "./migrate.ts";

const serverUrl = process.env.LH_TEST_DATABASE_URL;
const databaseName = `lh_migration_${crypto.randomUUID().replaceAll("-", "")}`;
let folderAt0010 = "";

/** The migrations folder as it was before organizations: 0000 to 0010 and their journal. */
async function migrationsUpTo0010(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "lh-migrations-"));
  await cp(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalPath, "utf8"));
  journal.entries = journal.entries.filter((entry: { idx: number }) => entry.idx <= 10);
  await writeFile(journalPath, JSON.stringify(journal));
  return folder;
}

function databaseUrl(name: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ids = { alice: crypto.randomUUID(), bob: crypto.randomUUID() };

/** Rows of every kind an account owned before organizations, written with the 0010 schema. */
async function insertTodaysRows(client: pg.Client): Promise<void> {
  await client.query(
    `insert into users (id, email, password_hash, webhook_secret_encrypted, webhook_secret_created_at)
     values ($1, 'alice@example.com', 'h', 'sealed-secret', now()), ($2, 'bob@example.com', 'h', null, null)`,
    [ids.alice, ids.bob],
  );
  for (const [name, userId] of Object.entries(ids)) {
    await client.query(
      `insert into api_keys (user_id, name, prefix, key_hash, scopes) values ($1, 'ci', 'lh_live_x', $2, '{jobs:read}')`,
      [userId, `hash-${name}`],
    );
    const upload = await client.query(
      `insert into uploads (user_id, filename, content_type, size_bytes, object_key, status, expires_at)
       values ($1, 'a.mp4', 'video/mp4', 1, $2, 'completed', now()) returning id`,
      [userId, `uploads/${userId}/a.mp4`],
    );
    const job = await client.query(
      `insert into jobs (user_id, upload_id, name, options) values ($1, $2, 'Lecture', '{}') returning id`,
      [userId, upload.rows[0].id],
    );
    const endpoint = await client.query(
      `insert into webhook_endpoints (user_id, url, event_types, secret_encrypted)
       values ($1, 'https://example.com/hook', '{job.completed}', 's') returning id`,
      [userId],
    );
    await client.query(
      `insert into webhook_deliveries (user_id, endpoint_id, job_id, event_type, url, payload)
       values ($1, $2, $3, 'job.completed', 'https://example.com/hook', '{}'),
              ($1, null, $3, 'job.completed', 'https://example.com/per-job', '{}')`,
      [userId, endpoint.rows[0].id, job.rows[0].id],
    );
    await client.query(
      `insert into idempotency_keys (user_id, key, request_hash, job_id) values ($1, 'same-key', 'h', $2)`,
      [userId, job.rows[0].id],
    );
  }
}

describe.skipIf(!serverUrl)("migration 0011: organizations", () => {
  beforeAll(async () => {
    await withClient(serverUrl!, (client) => client.query(`create database ${databaseName}`));
    folderAt0010 = await migrationsUpTo0010();
    await withClient(databaseUrl(databaseName), async (client) => {
      await migrate(drizzle(client), { migrationsFolder: folderAt0010 });
      await insertTodaysRows(client);
      await migrate(drizzle(client), { migrationsFolder });
    });
  });

  afterAll(async () => {
    if (folderAt0010) await rm(folderAt0010, { recursive: true, force: true });
    await withClient(serverUrl!, (client) => client.query(`drop database if exists ${databaseName}`));
  });

  const query = (sql: string) =>
    withClient(databaseUrl(databaseName), async (client) => (await client.query(sql)).rows);

  it("gives every user a personal organization with the user's id, the user its owner", async () => {
    const organizations = await query("select id, personal_user_id, name from organizations order by id");
    expect(organizations).toEqual(
      Object.values(ids)
        .sort()
        .map((id) => ({ id, personal_user_id: id, name: "Personal" })),
    );
    const memberships = await query("select organization_id, user_id, role from memberships order by user_id");
    expect(memberships).toEqual(
      Object.values(ids)
        .sort()
        .map((id) => ({ organization_id: id, user_id: id, role: "owner" })),
    );
  });

  it("moves every resource into its user's organization and keeps who created it", async () => {
    for (const table of ["api_keys", "uploads", "jobs", "webhook_endpoints", "idempotency_keys"]) {
      const rows = await query(`select user_id, organization_id from ${table}`);
      expect(rows, table).toHaveLength(2);
      for (const row of rows) expect(row.organization_id, table).toBe(row.user_id);
    }
    const deliveries = await query(
      "select d.organization_id, j.user_id from webhook_deliveries d join jobs j on j.id = d.job_id",
    );
    expect(deliveries).toHaveLength(4);
    for (const row of deliveries) expect(row.organization_id).toBe(row.user_id);
  });

  it("moves the account webhook secret to the organization, which keeps its id so it still decrypts", async () => {
    const [alice] = await query(
      `select webhook_secret_encrypted, webhook_secret_created_at from organizations where id = '${ids.alice}'`,
    );
    expect(alice.webhook_secret_encrypted).toBe("sealed-secret");
    expect(alice.webhook_secret_created_at).toBeInstanceOf(Date);
    const columns = await query(
      "select column_name from information_schema.columns where table_name = 'users' and column_name like 'webhook%'",
    );
    expect(columns).toEqual([]);
  });

  it("keys idempotency by organization: both users' 'same-key' survive", async () => {
    const rows = await query("select organization_id from idempotency_keys where key = 'same-key'");
    expect(rows.map((row) => row.organization_id).sort()).toEqual(Object.values(ids).sort());
  });
});

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { projectRoot } from "../../infra/local/config.ts";
import { buildWebApp } from "../../infra/web/build-web.ts";

const run = promisify(execFile);
/** The parts of wrangler's resolved config these checks read (its own types do not reach us here). */
type DeployConfig = {
  name: string;
  assets?: { binding?: string };
  queues: { producers?: { binding: string; queue: string }[]; consumers?: { queue: string }[] };
  durable_objects: { bindings: { name: string; class_name: string }[] };
  r2_buckets: { binding: string; bucket_name?: string }[];
  analytics_engine_datasets: { binding: string; dataset?: string }[];
  observability?: {
    enabled?: boolean;
    head_sampling_rate?: number;
    traces?: { enabled?: boolean; head_sampling_rate?: number };
  };
  vars: Record<string, unknown>;
  migrations: { new_sqlite_classes?: string[]; new_classes?: string[] }[];
  containers?: { class_name: string; image: string; max_instances?: number; instance_type?: unknown }[];
};
const configPath = join(projectRoot, "wrangler.toml");
const readConfig = (env?: string): DeployConfig => unstable_readConfig({ config: configPath, env });
const source = (path: string) => readFileSync(join(projectRoot, path), "utf8");

/** The members of `Env` in worker/env.ts: what the code may read from its environment. */
function envMembers(): { name: string; optional: boolean }[] {
  const block = /export type Env = \{([\s\S]*?)\n\};/.exec(source("worker/env.ts"))?.[1] ?? "";
  return [...block.matchAll(/^ {2}([A-Z0-9_]+)(\??):/gm)].map(([, name, optional]) => ({
    name: name!,
    optional: optional === "?",
  }));
}

/** Secrets are never in wrangler.toml; its header lists each one for `wrangler secret put`. */
const documentedSecrets = [...source("wrangler.toml").matchAll(/^# {3}([A-Z0-9_]+) /gm)].map(([, name]) => name!);

function declaredNames(config: DeployConfig): Set<string> {
  return new Set<string>([
    ...(config.assets?.binding ? [config.assets.binding] : []),
    ...(config.queues.producers ?? []).map((queue) => queue.binding),
    ...config.durable_objects.bindings.map((binding) => binding.name),
    ...config.r2_buckets.map((bucket) => bucket.binding),
    ...config.analytics_engine_datasets.map((dataset) => dataset.binding),
    ...Object.keys(config.vars),
  ]);
}

/** Bundles the Worker as `wrangler deploy` would for one environment, without an account. */
async function dryRun(env: string | undefined, outdir: string): Promise<string> {
  await run(
    process.execPath,
    // Building the container image needs a Docker engine, which CI and these machines lack;
    // `--containers-rollout=none` still bundles the class, binding and migration.
    [
      join(projectRoot, "node_modules/wrangler/bin/wrangler.js"),
      "deploy",
      "--dry-run",
      "--outdir",
      outdir,
      "--containers-rollout=none",
      ...(env ? ["--env", env] : []),
    ],
    {
      cwd: projectRoot,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" },
    },
  );
  return readFileSync(join(outdir, "index.js"), "utf8");
}

beforeAll(() => buildWebApp(), 120_000); // the [assets] directory must exist

describe("wrangler.toml", () => {
  it("commits no placeholder: every value is real or set per account as a secret", () => {
    const settings = source("wrangler.toml")
      .split("\n")
      .filter((line) => !line.trimStart().startsWith("#"));
    expect(settings.filter((line) => /<[a-z-]+>|example\.(com|org)/i.test(line))).toEqual([]);
  });

  it("gives staging and production the same bindings and variables as the local top level, but their own resources", () => {
    const local = readConfig();
    const environments = ["staging", "production"].map(readConfig);
    for (const config of environments) {
      // What an environment does not bind, the secrets list must cover (the account-specific values).
      const missing = [...declaredNames(local)].filter((name) => !declaredNames(config).has(name));
      expect(missing.filter((name) => !documentedSecrets.includes(name))).toEqual([]);
      expect(config.vars.MEDIA_FLEET).toBe("containers");
      expect(config.vars.ALLOW_INSECURE_WEBHOOKS).toBe("false");
      expect(config.r2_buckets.map((bucket) => bucket.bucket_name)).toEqual([config.vars.S3_BUCKET]);
    }
    const [staging, production] = environments;
    expect(staging!.name).not.toBe(production!.name);
    const queuesOf = (config: DeployConfig) => (config.queues.producers ?? []).map((queue) => queue.queue);
    expect(queuesOf(staging!).filter((queue) => queuesOf(production!).includes(queue))).toEqual([]);
    expect(staging!.vars.S3_BUCKET).not.toBe(production!.vars.S3_BUCKET);
    const datasetOf = (config: DeployConfig) =>
      config.analytics_engine_datasets.find((dataset) => dataset.binding === "METRICS")?.dataset;
    expect(new Set([local, ...environments].map(datasetOf)).size).toBe(3);
  });

  it("keeps every request's logs and a sample of traces in every environment", () => {
    for (const config of [undefined, "staging", "production"].map(readConfig)) {
      expect(config.observability).toMatchObject({ enabled: true, head_sampling_rate: 1, traces: { enabled: true } });
      expect(config.observability!.traces!.head_sampling_rate).toBeGreaterThan(0);
      expect(config.observability!.traces!.head_sampling_rate).toBeLessThan(1);
    }
  });
});

describe.each([undefined, "staging", "production"])("wrangler deploy --dry-run (env %s)", (env) => {
  const config = readConfig(env);
  const outdir = mkdtempSync(join(tmpdir(), "lh-deploy-"));
  let bundle = "";
  beforeAll(async () => {
    bundle = await dryRun(env, outdir);
  }, 180_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("declares every member of Env: as a binding, a var, or a documented secret", () => {
    const declared = new Set([...declaredNames(config), ...documentedSecrets]);
    const missing = envMembers().filter((member) => !member.optional && !declared.has(member.name));
    expect(missing.map((member) => member.name)).toEqual([]);
  });

  it("consumes every queue it declares, with a handler the Worker routes by the queue name's stem", () => {
    const routed = [...source("worker/index.ts").matchAll(/^ {4}"([a-z0-9-]+)": /gm)].map(([, queue]) => queue!);
    const stemOf = (queue: string) =>
      routed.sort((a, b) => b.length - a.length).find((stem) => queue === stem || queue.startsWith(`${stem}-`));
    const consumed = (config.queues.consumers ?? []).map((consumer) => stemOf(consumer.queue));
    expect(consumed.sort()).toEqual([...routed].sort());
  });

  it("exports every Durable Object class from the bundle, each created by a migration", () => {
    const classes = config.durable_objects.bindings.map((binding) => binding.class_name);
    const migrated = config.migrations.flatMap((migration) => [
      ...(migration.new_sqlite_classes ?? []),
      ...(migration.new_classes ?? []),
    ]);
    expect(classes).toContain("MediaWorkerContainer");
    for (const className of classes) {
      expect(migrated).toContain(className);
      expect(bundle).toMatch(new RegExp(`export\\s*\\{[^}]*\\b${className}\\b`));
    }
  });

  it.runIf(env)("runs the media fleet as containers of the media worker image", () => {
    const [container, ...others] = config.containers ?? [];
    expect(others).toEqual([]);
    expect(container).toMatchObject({ class_name: "MediaWorkerContainer", instance_type: "standard-3" });
    expect(container!.max_instances).toBeGreaterThan(0);
    expect(existsSync(resolve(projectRoot, container!.image))).toBe(true);
  });
});

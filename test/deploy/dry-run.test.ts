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
  assets?: { binding?: string };
  queues: { producers?: { binding: string }[]; consumers?: { queue: string }[] };
  durable_objects: { bindings: { name: string; class_name: string }[] };
  vars: Record<string, unknown>;
  migrations: { new_sqlite_classes?: string[]; new_classes?: string[] }[];
  containers?: { class_name: string; image: string; max_instances?: number; instance_type?: unknown }[];
};
const config: DeployConfig = unstable_readConfig({ config: join(projectRoot, "wrangler.toml") });
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

describe("wrangler deploy --dry-run", () => {
  const outdir = mkdtempSync(join(tmpdir(), "lh-deploy-"));
  let bundle = "";
  beforeAll(async () => {
    await buildWebApp(); // the [assets] directory must exist
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
      ],
      {
        cwd: projectRoot,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", NO_COLOR: "1" },
      },
    );
    bundle = readFileSync(join(outdir, "index.js"), "utf8");
  }, 180_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("declares every member of Env: as a binding, a var, or a documented secret", () => {
    const declared = new Set<string>([
      ...(config.assets?.binding ? [config.assets.binding] : []),
      ...(config.queues.producers ?? []).map((queue) => queue.binding),
      ...config.durable_objects.bindings.map((binding) => binding.name),
      ...Object.keys(config.vars),
      ...documentedSecrets,
    ]);
    const missing = envMembers().filter((member) => !member.optional && !declared.has(member.name));
    expect(missing.map((member) => member.name)).toEqual([]);
  });

  it("consumes every queue it declares, with a handler the Worker routes by queue name", () => {
    const routed = [...source("worker/index.ts").matchAll(/^ {4}"([a-z0-9-]+)": /gm)].map(([, queue]) => queue);
    expect((config.queues.consumers ?? []).map((consumer) => consumer.queue).sort()).toEqual(routed.sort());
  });

  it("exports every Durable Object class from the bundle, each created by a migration", () => {
    const classes = config.durable_objects.bindings.map((binding) => binding.class_name);
    const migrated = config.migrations.flatMap((migration) => [
      ...(migration.new_sqlite_classes ?? []),
      ...(migration.new_classes ?? []),
    ]);
    for (const className of classes) {
      expect(migrated).toContain(className);
      expect(bundle).toMatch(new RegExp(`export\\s*\\{[^}]*\\b${className}\\b`));
    }
  });

  it("runs the media fleet as containers: a Durable Object class with a binding, a migration and an image", () => {
    const [container, ...others] = config.containers ?? [];
    expect(others).toEqual([]);
    expect(container).toMatchObject({ class_name: "MediaWorkerContainer", instance_type: "standard-3" });
    expect(container!.max_instances).toBeGreaterThan(0);
    expect(existsSync(resolve(projectRoot, container!.image))).toBe(true);
    expect(config.durable_objects.bindings).toContainEqual({
      name: "MEDIA_WORKER",
      class_name: "MediaWorkerContainer",
    });
    expect(config.vars.MEDIA_FLEET).toBe("containers");
    expect(bundle).toMatch(/export\s*\{[^}]*\bMediaWorkerContainer\b/);
  });
});

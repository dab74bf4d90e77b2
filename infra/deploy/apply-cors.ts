import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../local/config.ts";

/**
 * `npm run deploy:cors`: applies infra/deploy/r2-cors.json to the R2 bucket named by
 * `S3_BUCKET` in wrangler.toml (or the environment). Browsers PUT upload parts straight to R2
 * and read each part's `ETag`, which they can only do when the bucket exposes it. The local S3
 * server reads the same file, so development and production share one set of rules.
 */
const wranglerToml = readFileSync(join(projectRoot, "wrangler.toml"), "utf8");
const bucket = process.env.S3_BUCKET ?? /^S3_BUCKET\s*=\s*"([^"]+)"/m.exec(wranglerToml)?.[1];
if (!bucket) throw new Error("No S3_BUCKET in wrangler.toml or the environment");

const result = spawnSync(
  process.execPath,
  [
    join(projectRoot, "node_modules/wrangler/bin/wrangler.js"),
    "r2",
    "bucket",
    "cors",
    "set",
    bucket,
    "--file",
    join(projectRoot, "infra/deploy/r2-cors.json"),
    "--force",
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);

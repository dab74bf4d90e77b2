import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../local/config.ts";
import { targetBucket } from "./wrangler-vars.ts";

/**
 * `npm run deploy:cors`: applies infra/deploy/r2-cors.json to the R2 bucket named by
 * `S3_BUCKET` in wrangler.toml (or the environment). Browsers PUT upload parts straight to R2
 * and read each part's `ETag`, which they can only do when the bucket exposes it. The local S3
 * server reads the same file, so development and production share one set of rules.
 */
const bucket = targetBucket();

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

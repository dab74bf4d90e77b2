import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const source = join(projectRoot, "worker/web");
/** wrangler.toml's [assets] directory; generated, git-ignored. */
export const webOutput = join(projectRoot, "worker/public");

/** The API reference's standalone script, served from our origin so /docs works offline. */
const apiReferenceScript = join(projectRoot, "node_modules/@scalar/api-reference/dist/browser/standalone.js");

/** Bundles the web app (worker/web) into the Worker's static assets (worker/public). */
export async function buildWebApp(options: { minify?: boolean } = {}): Promise<void> {
  mkdirSync(webOutput, { recursive: true });
  await build({
    entryPoints: [join(source, "main.ts")],
    outfile: join(webOutput, "app.js"),
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    sourcemap: true,
    minify: options.minify ?? true,
    logLevel: "warning",
  });
  for (const file of ["index.html", "styles.css"]) copyFileSync(join(source, file), join(webOutput, file));
  mkdirSync(join(webOutput, "vendor"), { recursive: true });
  copyFileSync(apiReferenceScript, join(webOutput, "vendor/scalar-api-reference.js"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildWebApp();

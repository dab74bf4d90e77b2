import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { folderBytes } from "../../media-worker/src/process-census.ts";
import { processesOf } from "../support/process-tree.ts";

/** The media worker's pid as the launcher wrote it down, or null between a death and its restart. */
export function mediaWorkerPid(logDir: string): number | null {
  const file = join(logDir, "media-worker.pid");
  return existsSync(file) ? Number(readFileSync(file, "utf8")) : null;
}

/** Resident memory of a process and everything below it, in bytes. */
export function treeRssBytes(pid: number): number {
  return [pid, ...processesOf(pid).map((p) => p.pid)].reduce((sum, each) => {
    try {
      const kb = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${each}/status`, "utf8"))?.[1];
      return sum + Number(kb ?? 0) * 1024;
    } catch {
      return sum;
    }
  }, 0);
}

const pieceCheckpoint = /jobs\/[^/]+\/checkpoints\/transcription\/piece-\d+\.json/;

/** Keys of the transcript pieces saved in the local object store's folder (one file or folder per object). */
export function checkpointedPieces(dir: string): Set<string> {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return new Set();
  }
  return new Set(entries.flatMap((entry) => pieceCheckpoint.exec(entry)?.[0] ?? []));
}

/**
 * Pieces the media worker says it read back from checkpoints, summed over every attempt after
 * the first (its "transcription pieces" log line).
 */
export function piecesReusedAfterFirstAttempt(logDir: string, jobId: string): number {
  const file = join(logDir, "media-worker.log");
  if (!existsSync(file)) return 0;
  let reused = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.includes('"transcription pieces"')) continue;
    try {
      const entry = JSON.parse(line) as { jobId?: string; attempt?: number; piecesReused?: number };
      if (entry.jobId === jobId && (entry.attempt ?? 1) > 1) reused += entry.piecesReused ?? 0;
    } catch {
      // A line cut by the SIGKILL.
    }
  }
  return reused;
}

/**
 * Samples the media worker every second: peak memory of its process tree and peak scratch
 * use; with `killAfterRecognizingSeconds`, SIGKILLs its whole group once pocketsphinx has run
 * that long (mid-transcription), as a host that gives up on a container would.
 *
 * @example
 * const probe = startSoakProbe({ logDir, scratchDir, killAfterRecognizingSeconds: 60 }); …; probe.stop();
 */
export function startSoakProbe(options: {
  logDir: string;
  scratchDir: string;
  objectDir: string;
  killAfterRecognizingSeconds?: number;
}) {
  const peaks = { rssBytes: 0, scratchBytes: 0, kills: 0, piecesCheckpointedAtKill: new Set<string>() };
  let recognizingSince: number | null = null;
  const timer = setInterval(() => {
    const pid = mediaWorkerPid(options.logDir);
    if (pid === null) return;
    peaks.rssBytes = Math.max(peaks.rssBytes, treeRssBytes(pid));
    peaks.scratchBytes = Math.max(peaks.scratchBytes, folderBytes(options.scratchDir));
    if (options.killAfterRecognizingSeconds === undefined || peaks.kills > 0) return;
    const recognizing = processesOf(pid).some((p) => p.comm === "pocketsphinx_co");
    recognizingSince = recognizing ? (recognizingSince ?? Date.now()) : null;
    if (recognizingSince !== null && Date.now() - recognizingSince >= options.killAfterRecognizingSeconds * 1000) {
      process.kill(-pid, "SIGKILL");
      peaks.kills++;
      peaks.piecesCheckpointedAtKill = checkpointedPieces(options.objectDir);
    }
  }, 1000);
  return { peaks, stop: () => clearInterval(timer) };
}

import { readFileSync } from "node:fs";
import type { GroundTruth } from "../../infra/sample-lecture/lecture-types.ts";
import { loadConfig } from "../../media-worker/src/config.ts";
import { exitOnSignals, startMediaWorker } from "../../media-worker/src/server.ts";
import { groundTruthAgents } from "./ground-truth-agents.ts";

/**
 * The media worker as `main.ts` runs it (same server, same signal handling) but with the
 * ground-truth agents double, for tests that need a real process to send SIGTERM to.
 * LH_TEST_TRUTH: path of the fixture's truth JSON; LH_TEST_SELECT_DELAY_MS holds jobs in selection.
 */
const truth = JSON.parse(readFileSync(process.env.LH_TEST_TRUTH!, "utf8")) as GroundTruth;
const { agents } = groundTruthAgents(truth, { selectDelayMs: Number(process.env.LH_TEST_SELECT_DELAY_MS ?? 0) });
const config = loadConfig();
const worker = await startMediaWorker(config, agents);
exitOnSignals(worker, config.SHUTDOWN_GRACE_SECONDS);
process.stdout.write(`${JSON.stringify({ ready: worker.url })}\n`);

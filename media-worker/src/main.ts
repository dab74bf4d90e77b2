import { productionAgents } from "./agents-wiring.ts";
import { loadConfig } from "./config.ts";
import { exitOnSignals, startMediaWorker } from "./server.ts";

/**
 * Container hosts send SIGTERM and then SIGKILL after a grace period: the worker stops taking
 * jobs at once (health turns 503), aborts running ffmpeg, keeps finished stages' checkpoints
 * and exits within SHUTDOWN_GRACE_SECONDS; the retried job resumes from those checkpoints.
 */
const config = loadConfig();
const worker = await startMediaWorker(config, productionAgents(config));
exitOnSignals(worker, config.SHUTDOWN_GRACE_SECONDS);

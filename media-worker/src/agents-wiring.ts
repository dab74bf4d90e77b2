import { JobFailure } from "./job-failure.ts";
import type { Agents } from "./pipeline/agents.ts";

const notWired = async (): Promise<never> => {
  throw new JobFailure("internal", "the agents package is not wired into the media worker yet");
};

/**
 * The production decisions. The `agents/` package (another branch) implements the Agents
 * interface of `pipeline/agents.ts`; until it is merged and wired here, jobs fail with a clear
 * `internal` error instead of inventing decisions in the media worker.
 */
export function productionAgents(): Agents {
  return { transcribe: notWired, describeSlides: notWired, analyse: notWired, select: notWired, plan: notWired };
}

export * from "./artifacts.ts";
export * from "./internal-auth.ts";
export * from "./job.ts";
export * from "./media-protocol.ts";
export * from "./pipeline-agents.ts";
export * from "./progress.ts";
export * from "./queue.ts";
export * from "./storage-keys.ts";

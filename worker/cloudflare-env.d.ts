import type { Env as WorkerEnv } from "./env.ts";

// Types `env` from "cloudflare:test" and "cloudflare:workers" as the Worker's own Env.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}

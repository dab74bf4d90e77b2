import { createApp } from "./app.ts";
import type { Env } from "./env.ts";
import { createQueueRouter } from "./queues/index.ts";

export { RateLimiter } from "./limits/rate-limiter.ts";
export { JobRoom } from "./rooms/job-room.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: createQueueRouter({}),
} satisfies ExportedHandler<Env>;

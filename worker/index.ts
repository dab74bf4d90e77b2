import { createApp } from "./app.ts";
import type { Env } from "./env.ts";
import { createQueueRouter } from "./queues/index.ts";
import { consumeJobs } from "./queues/jobs.ts";
import { consumeDeadJobs } from "./queues/jobs-dead-letter.ts";
import { consumeWebhooks } from "./queues/webhooks.ts";
import { runScheduledTasks } from "./scheduled/index.ts";

export { MediaWorkerContainer } from "./jobs/media-worker-container.ts";
export { LoginThrottle } from "./limits/login-throttle.ts";
export { RateLimiter } from "./limits/rate-limiter.ts";
export { JobRoom } from "./rooms/job-room.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: createQueueRouter({
    "lh-jobs": consumeJobs,
    "lh-jobs-dlq": consumeDeadJobs,
    "lh-webhooks": consumeWebhooks,
  }),
  scheduled: runScheduledTasks,
} satisfies ExportedHandler<Env>;

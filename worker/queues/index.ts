import type { Env } from "../env.ts";

export type QueueHandler = (batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) => Promise<void>;

/**
 * Routes a batch to the consumer of its queue. Queue names differ per environment (a staging
 * deploy may suffix them), so routing is by the name's stem.
 */
export function createQueueRouter(handlers: Record<string, QueueHandler>) {
  return async (batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> => {
    const stem = Object.keys(handlers)
      .sort((a, b) => b.length - a.length)
      .find((name) => batch.queue === name || batch.queue.startsWith(`${name}-`));
    if (!stem) {
      console.error(JSON.stringify({ level: "error", msg: "no consumer for queue", queue: batch.queue }));
      batch.retryAll({ delaySeconds: 60 });
      return;
    }
    await handlers[stem]!(batch, env, ctx);
  };
}

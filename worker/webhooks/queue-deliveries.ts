import type { Env } from "../env.ts";

/**
 * Puts one message per delivery on the webhooks queue. Never throws: a delivery whose message
 * is lost stays pending and due, and the cron sends it again.
 *
 * @example
 * await queueDeliveries(env, [deliveryId]);
 */
export async function queueDeliveries(env: Pick<Env, "WEBHOOKS_QUEUE">, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  try {
    await env.WEBHOOKS_QUEUE.sendBatch(deliveryIds.map((deliveryId) => ({ body: { deliveryId } })));
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "warn",
        msg: "webhook enqueue failed; the cron will send it",
        deliveryIds,
        error: (error as Error).message,
      }),
    );
  }
}

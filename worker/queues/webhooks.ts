import { WebhookQueueMessage } from "../../agents/contracts/queue.ts";
import { sendDelivery } from "../webhooks/send-delivery.ts";
import { withDatabase } from "../with-database.ts";
import type { QueueHandler } from "./index.ts";

/** After an unexpected error, wait out a claim the failed attempt may still hold. */
const ERROR_RETRY_SECONDS = 90;

/**
 * Consumer of `lh-webhooks`: one attempt per message, side by side within a batch so one slow
 * destination does not hold up the others. A failed attempt goes back to the queue with the
 * backoff delay the delivery asks for; the queue, not a sleeping Worker, waits.
 */
export const consumeWebhooks: QueueHandler = (batch, env, ctx) =>
  withDatabase(env, ctx, async (db) => {
    await Promise.all(
      batch.messages.map(async (message) => {
        const body = WebhookQueueMessage.safeParse(message.body);
        if (!body.success) {
          console.error(JSON.stringify({ level: "error", msg: "malformed webhooks message dropped", id: message.id }));
          message.ack();
          return;
        }
        const { deliveryId } = body.data;
        try {
          const outcome = await sendDelivery(env, db, deliveryId);
          if (outcome.action === "ack") message.ack();
          else message.retry({ delaySeconds: outcome.delaySeconds });
          console.log(JSON.stringify({ level: "info", msg: "webhook delivery", deliveryId, ...outcome }));
        } catch (error) {
          console.error(
            JSON.stringify({
              level: "error",
              msg: "webhook delivery errored",
              deliveryId,
              error: (error as Error).message,
            }),
          );
          message.retry({ delaySeconds: ERROR_RETRY_SECONDS });
        }
      }),
    );
  });

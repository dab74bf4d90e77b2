import { z } from "zod";

/** Body of a message on the `jobs` queue: which job to dispatch. The row holds the rest. */
export const JobQueueMessage = z.object({
  jobId: z.string().uuid(),
  /** The attempt the sender meant to start; a stale message for an older attempt is dropped. */
  attempt: z.number().int().min(1),
});
export type JobQueueMessage = z.infer<typeof JobQueueMessage>;

/** Body of a message on the `webhooks` queue: one delivery row to attempt. */
export const WebhookQueueMessage = z.object({
  deliveryId: z.string().uuid(),
});
export type WebhookQueueMessage = z.infer<typeof WebhookQueueMessage>;

import { z } from "zod";

/** Body of a message on the `jobs` queue: which job to dispatch. The row holds the rest. */
export const JobQueueMessage = z.object({
  jobId: z.string().uuid(),
  /** The attempt the sender meant to start; a stale message for an older attempt is dropped. */
  attempt: z.number().int().min(1),
  /**
   * How many times the fleet was found busy before this message was sent (0 or absent for the
   * first try). A redelivered copy of an earlier round finds the job further on and is dropped,
   * so a long wait for capacity never multiplies messages.
   */
  capacityRound: z.number().int().min(0).optional(),
});
export type JobQueueMessage = z.infer<typeof JobQueueMessage>;

/** Body of a message on the `webhooks` queue: one delivery row to attempt. */
export const WebhookQueueMessage = z.object({
  deliveryId: z.string().uuid(),
});
export type WebhookQueueMessage = z.infer<typeof WebhookQueueMessage>;

/** One request the test webhook receiver recorded; shared by the receiver and the Worker tests. */
export type ReceivedWebhook = {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
  body: string;
  /** Per configured secret, in order: whether standardwebhooks verified the request with it. */
  verifiedBy: boolean[];
  status: number;
  at: string;
};

/** How the receiver answers on one path. */
export type ReceiverBehaviour = { secrets: string[]; statuses: number[]; redirectTo?: string; delayMs: number };

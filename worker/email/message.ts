/** One email to one person, before it is written out as RFC 5322 text (./mime.ts). */
export type EmailMessage = {
  from: string;
  to: string;
  subject: string;
  /** Plain text; lines end with "\n". */
  text: string;
  /**
   * The same for every attempt at the same email, so a receiving system that sees a resend
   * (a provider that took the message but whose answer was lost) can tell it is one message.
   */
  messageId: string;
};

/**
 * Where emails go: SMTP (./smtp.ts), or any provider's API behind the same method
 * (docs/notifications.md). `send` resolves once the provider has accepted the message, and
 * throws otherwise; the caller retries.
 */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

import type { Env } from "../env.ts";
import type { EmailSender } from "./message.ts";
import { SmtpSender, smtpSettings } from "./smtp.ts";

/**
 * The configured email provider, or null when none is (`SMTP_URL` unset): then no emails are
 * sent and none are recorded as sent. Another provider plugs in here (docs/notifications.md).
 *
 * @example
 * const sender = emailSender(env);
 * if (sender) await sender.send(message);
 */
export function emailSender(env: Pick<Env, "SMTP_URL">): EmailSender | null {
  return env.SMTP_URL ? new SmtpSender(smtpSettings(env.SMTP_URL)) : null;
}

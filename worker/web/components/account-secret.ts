import { apiRequest } from "../../client/api-request.ts";
import { errorBox, h } from "../dom.ts";
import { actionRunner } from "../errors.ts";
import { connection } from "../session.ts";
import { secretNotice } from "./secret-notice.ts";

type SecretView = { secret: string; previousSecretExpiresAt: string | null };

/** The account's secret, which signs webhooks sent to a job's own `webhookUrl`. */
export function accountSecretSection(): HTMLElement {
  const shown = h("div");
  const error = errorBox();
  const act = actionRunner(error, async () => undefined);
  const show = (view: SecretView, note: string) =>
    shown.replaceChildren(secretNotice("account signing secret", view.secret, note));
  return h(
    "section",
    { "aria-labelledby": "account-secret-heading" },
    h("h2", { id: "account-secret-heading" }, "Webhook URLs given with a job"),
    h("p", {}, "Webhooks sent to a job's own webhook URL are signed with your account's secret."),
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: () =>
          act(async () =>
            show(await apiRequest<SecretView>(connection(), "GET", "/v1/webhooks/account-secret"), "Keep it private."),
          ),
      },
      "Show the secret",
    ),
    " ",
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: () =>
          act(async () =>
            show(
              await apiRequest<SecretView>(connection(), "POST", "/v1/webhooks/account-secret/rotate"),
              "The previous one keeps signing beside it for 24 hours.",
            ),
          ),
      },
      "Rotate the secret",
    ),
    error,
    shown,
  );
}

import { apiRequest } from "../../client/api-request.ts";
import { errorBox, h } from "../dom.ts";
import { actionRunner } from "../errors.ts";
import { connection } from "../session.ts";
import { secretNotice } from "./secret-notice.ts";

type SecretStatus = { exists: boolean; createdAt: string | null; previousSecretExpiresAt: string | null };
type RevealedSecret = { secret: string };

const path = "/v1/webhooks/account-secret";

function describeStatus(status: SecretStatus): string {
  if (!status.exists) return "Your account has no signing secret yet. Create one before giving a job a webhook URL.";
  const since = status.createdAt ? ` (created ${new Date(status.createdAt).toLocaleString()})` : "";
  const overlap = status.previousSecretExpiresAt
    ? ` The previous one also signs until ${new Date(status.previousSecretExpiresAt).toLocaleString()}.`
    : "";
  return `Your account has a signing secret${since}. It was shown once; rotate it to get a new one.${overlap}`;
}

/**
 * The account's secret, which signs webhooks sent to a job's own `webhookUrl`. The API shows it
 * only when it is created or rotated, so this section says whether it exists and offers the one
 * action that applies: create it, or rotate it.
 */
export function accountSecretSection(): HTMLElement {
  const state = h("p");
  const actions = h("div");
  const shown = h("div");
  const error = errorBox();
  const refresh = async () => {
    const status = await apiRequest<SecretStatus>(connection(), "GET", path);
    state.textContent = describeStatus(status);
    actions.replaceChildren(
      status.exists
        ? actionButton(
            "Rotate the secret",
            `${path}/rotate`,
            "Copy it now: it is not shown again. The previous one keeps signing beside it for 24 hours.",
          )
        : actionButton("Create the secret", path),
    );
  };
  const act = actionRunner(error, refresh);
  const actionButton = (label: string, endpoint: string, note?: string) =>
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        onclick: () =>
          act(async () => {
            const { secret } = await apiRequest<RevealedSecret>(connection(), "POST", endpoint);
            shown.replaceChildren(secretNotice("account signing secret", secret, note));
          }),
      },
      label,
    );
  // The first load is the runner's refresh after a no-op, so its failure shows like any other.
  void act(async () => undefined);
  return h(
    "section",
    { "aria-labelledby": "account-secret-heading" },
    h("h2", { id: "account-secret-heading" }, "Webhook URLs given with a job"),
    h("p", {}, "Webhooks sent to a job's own webhook URL are signed with your account's secret."),
    state,
    actions,
    error,
    shown,
  );
}

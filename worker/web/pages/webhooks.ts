import { apiRequest } from "../../client/api-request.ts";
import { accountSecretSection } from "../components/account-secret.ts";
import { checkboxGroup } from "../components/checkbox-group.ts";
import { confirmAction } from "../components/confirm-dialog.ts";
import { secretNotice } from "../components/secret-notice.ts";
import { webhookDeliveries } from "../components/webhook-deliveries.ts";
import { errorBox, h, showPage } from "../dom.ts";
import { actionRunner } from "../errors.ts";
import { connection } from "../session.ts";

type Endpoint = {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
};

// worker/webhooks/events.ts holds the list.
const eventTypes = ["job.completed", "job.failed"];

/** Add, list, rotate and remove webhook endpoints (docs/webhooks.md). */
export async function webhooksPage(): Promise<void> {
  const error = errorBox();
  const created = h("div");
  const list = h("ul", { class: "item-list" });
  const url = h("input", { id: "endpoint-url", name: "url", type: "url", required: true, placeholder: "https://…" });
  const description = h("input", { id: "endpoint-description", name: "description", maxlength: 200 });
  const form = h(
    "form",
    { class: "card" },
    h("label", { for: "endpoint-url" }, "Endpoint URL"),
    url,
    h("label", { for: "endpoint-description" }, "Description (optional)"),
    description,
    checkboxGroup("Events", "eventTypes", eventTypes),
    h("button", { type: "submit" }, "Add endpoint"),
  );
  // The endpoint whose secret `created` shows: removing it makes that notice stale.
  let shownEndpointId: string | null = null;
  const showSecret = (endpointId: string, notice: HTMLElement) => {
    created.replaceChildren(notice);
    shownEndpointId = endpointId;
  };
  const act = actionRunner(error, () => refresh());
  const remove = async (endpoint: Endpoint) => {
    if (!(await confirmAction(`Remove ${endpoint.url}? It receives no more webhooks.`, "Remove"))) return;
    await act(async () => {
      await apiRequest(connection(), "DELETE", `/v1/webhooks/${endpoint.id}`);
      if (endpoint.id === shownEndpointId) {
        created.replaceChildren();
        shownEndpointId = null;
      }
    });
  };
  const refresh = async () => {
    const { data } = await apiRequest<{ data: Endpoint[] }>(connection(), "GET", "/v1/webhooks");
    list.replaceChildren(
      ...data.map((endpoint) =>
        h(
          "li",
          {},
          h("strong", {}, endpoint.url),
          endpoint.description && h("span", {}, endpoint.description),
          h("span", {}, endpoint.eventTypes.join(", ")),
          h("span", {}, endpoint.enabled ? "enabled" : `disabled: ${endpoint.disabledReason ?? "unknown reason"}`),
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              "aria-label": `Rotate secret of ${endpoint.url}`,
              onclick: () =>
                act(async () => {
                  const { secret } = await apiRequest<{ secret: string }>(
                    connection(),
                    "POST",
                    `/v1/webhooks/${endpoint.id}/rotate-secret`,
                  );
                  showSecret(endpoint.id, secretNotice(`new signing secret for ${endpoint.url}`, secret));
                }),
            },
            "Rotate secret",
          ),
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              "aria-label": `Remove ${endpoint.url}`,
              onclick: () => remove(endpoint),
            },
            "Remove",
          ),
          webhookDeliveries(endpoint.id),
        ),
      ),
    );
    if (data.length === 0) list.append(h("li", {}, "No endpoints yet."));
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = new FormData(form);
    void act(async () => {
      const endpoint = await apiRequest<{ id: string; secret: string }>(connection(), "POST", "/v1/webhooks", {
        body: {
          url: url.value,
          eventTypes: values.getAll("eventTypes").map(String),
          ...(description.value.trim() ? { description: description.value.trim() } : {}),
        },
      });
      showSecret(endpoint.id, secretNotice("new signing secret", endpoint.secret));
      form.reset();
    });
  });
  showPage(h("h1", {}, "Webhooks"), form, created, error, h("h2", {}, "Your endpoints"), list, accountSecretSection());
  await act(async () => undefined);
}

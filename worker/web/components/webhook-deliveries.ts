import { apiRequest } from "../../client/api-request.ts";
import { errorBox, h } from "../dom.ts";
import { actionRunner } from "../errors.ts";
import { connection } from "../session.ts";

type Delivery = {
  id: string;
  eventType: string;
  jobId: string | null;
  status: string;
  attemptCount: number;
  createdAt: string;
  attempts: { attemptedAt: string; statusCode: number | null; error: string | null }[];
};

/** An endpoint's recent deliveries, loaded when opened, each one redeliverable. */
export function webhookDeliveries(endpointId: string): HTMLDetailsElement {
  const list = h("ul", { class: "item-list" });
  const error = errorBox();
  const load = async () => {
    const { data } = await apiRequest<{ data: Delivery[] }>(
      connection(),
      "GET",
      `/v1/webhooks/${endpointId}/deliveries?limit=20`,
    );
    list.replaceChildren(...data.map(deliveryRow));
    if (data.length === 0) list.append(h("li", {}, "No deliveries yet."));
  };
  const act = actionRunner(error, load);
  const deliveryRow = (delivery: Delivery) => {
    const last = delivery.attempts.at(-1);
    const outcome = last
      ? last.statusCode
        ? `HTTP ${last.statusCode}`
        : (last.error ?? "no answer")
      : "not tried yet";
    return h(
      "li",
      {},
      h("span", {}, delivery.eventType),
      h("span", {}, `${delivery.status} after ${delivery.attemptCount} attempt(s), last: ${outcome}`),
      h("time", { datetime: delivery.createdAt }, new Date(delivery.createdAt).toLocaleString()),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: () =>
            act(() => apiRequest(connection(), "POST", `/v1/webhooks/deliveries/${delivery.id}/redeliver`)),
        },
        "Redeliver",
      ),
    );
  };
  const details = h("details", {}, h("summary", {}, "Recent deliveries"), error, list);
  details.addEventListener("toggle", () => {
    if (details.open) void act(async () => undefined);
  });
  return details;
}

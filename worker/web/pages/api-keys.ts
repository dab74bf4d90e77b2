import { apiRequest } from "../../client/api-request.ts";
import { checkboxGroup } from "../components/checkbox-group.ts";
import { confirmAction } from "../components/confirm-dialog.ts";
import { secretNotice } from "../components/secret-notice.ts";
import { errorBox, h, showPage } from "../dom.ts";
import { actionRunner } from "../errors.ts";
import { connection } from "../session.ts";

type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
};

// worker/auth/scopes.ts holds the list; the bundle does not import it, as it pulls in zod.
const scopes = ["jobs:read", "jobs:write", "uploads:write", "webhooks:manage"];

/** Create, list and revoke API keys. */
export async function apiKeysPage(): Promise<void> {
  const error = errorBox();
  const created = h("div");
  const list = h("ul", { class: "item-list" });
  const name = h("input", { id: "key-name", name: "name", required: true, maxlength: 100 });
  const form = h(
    "form",
    { class: "card" },
    h("label", { for: "key-name" }, "Name"),
    name,
    checkboxGroup("Scopes", "scopes", scopes),
    h("button", { type: "submit" }, "Create key"),
  );
  // The key whose secret `created` shows: revoking it makes that notice stale.
  let shownKeyId: string | null = null;
  const act = actionRunner(error, () => refresh());
  const revoke = async (key: ApiKey) => {
    if (!(await confirmAction(`Revoke the key ${key.name}? Anything using it stops working at once.`, "Revoke")))
      return;
    await act(async () => {
      await apiRequest(connection(), "DELETE", `/v1/api-keys/${key.id}`);
      if (key.id === shownKeyId) {
        created.replaceChildren();
        shownKeyId = null;
      }
    });
  };
  const refresh = async () => {
    const { data } = await apiRequest<{ data: ApiKey[] }>(connection(), "GET", "/v1/api-keys");
    list.replaceChildren(
      ...data.map((key) =>
        h(
          "li",
          {},
          h("strong", {}, key.name),
          h("code", {}, `${key.prefix}…`),
          h("span", {}, key.scopes.join(", ")),
          h("span", {}, key.lastUsedAt ? `last used ${new Date(key.lastUsedAt).toLocaleString()}` : "never used"),
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              "aria-label": `Revoke key ${key.name}`,
              onclick: () => revoke(key),
            },
            "Revoke",
          ),
        ),
      ),
    );
    if (data.length === 0) list.append(h("li", {}, "No API keys yet."));
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = new FormData(form).getAll("scopes").map(String);
    void act(async () => {
      const key = await apiRequest<{ id: string; key: string }>(connection(), "POST", "/v1/api-keys", {
        body: { name: name.value, scopes: chosen },
      });
      created.replaceChildren(secretNotice("new API key", key.key));
      shownKeyId = key.id;
      form.reset();
    });
  });
  showPage(h("h1", {}, "API keys"), form, created, error, h("h2", {}, "Your keys"), list);
  await act(async () => undefined);
}

import { h } from "../dom.ts";

/** A secret in a read-only field; by default with the reminder that the API shows it only once. */
export function secretNotice(what: string, secret: string, note = "Copy it now: it is not shown again."): HTMLElement {
  const id = `secret-${Math.random().toString(36).slice(2)}`;
  return h(
    "div",
    { class: "notice", role: "status" },
    h("label", { for: id }, `Your ${what}. ${note}`),
    h("input", { id, type: "text", readonly: true, value: secret, class: "secret" }),
  );
}

import { h } from "../dom.ts";

/** A secret the API shows only once, with the reminder to copy it now. */
export function secretNotice(what: string, secret: string): HTMLElement {
  const id = `secret-${Math.random().toString(36).slice(2)}`;
  return h(
    "div",
    { class: "notice", role: "status" },
    h("label", { for: id }, `Your new ${what}. Copy it now: it is not shown again.`),
    h("input", { id, type: "text", readonly: true, value: secret, class: "secret" }),
  );
}

import { h } from "../dom.ts";

/**
 * A secret in a read-only field with a Copy button; by default with the reminder that the API
 * shows it only once. Where the clipboard is refused, the secret is selected for Ctrl+C instead.
 *
 * @example
 * created.replaceChildren(secretNotice("new API key", key.key));
 */
export function secretNotice(what: string, secret: string, note = "Copy it now: it is not shown again."): HTMLElement {
  const id = `secret-${Math.random().toString(36).slice(2)}`;
  const field = h("input", { id, type: "text", readonly: true, value: secret, class: "secret" });
  const copied = h("span", { class: "copied", role: "status" });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      copied.textContent = "Copied";
    } catch {
      field.select();
      copied.textContent = "Selected: press Ctrl+C (⌘C on a Mac) to copy it.";
    }
  };
  return h(
    "div",
    { class: "notice" },
    h("label", { for: id }, `Your ${what}. ${note}`),
    h(
      "div",
      { class: "inline" },
      field,
      h("button", { type: "button", class: "secondary", "aria-label": `Copy the ${what}`, onclick: copy }, "Copy"),
      copied,
    ),
  );
}

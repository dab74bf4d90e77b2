import { h } from "../dom.ts";

/**
 * Asks before a destructive action in a modal <dialog>; resolves true only when `confirmLabel`
 * is chosen. Escape, or `keepLabel`, keeps things as they are. Focus starts on the safe choice.
 *
 * @example
 * if (await confirmAction(`Revoke the key ${key.name}?`, "Revoke")) await revoke(key.id);
 */
export function confirmAction(question: string, confirmLabel: string, keepLabel = "Keep it"): Promise<boolean> {
  const id = `confirm-${Math.random().toString(36).slice(2)}`;
  const keep = h("button", { type: "button", class: "secondary", value: "keep" }, keepLabel);
  const confirm = h("button", { type: "button", class: "danger", value: "confirm" }, confirmLabel);
  const dialog = h(
    "dialog",
    { class: "confirm", "aria-labelledby": id },
    h("p", { id }, question),
    h("div", { class: "inline" }, keep, confirm),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    keep.addEventListener("click", () => dialog.close("keep"));
    confirm.addEventListener("click", () => dialog.close("confirm"));
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "confirm");
    });
    dialog.showModal();
    keep.focus();
  });
}

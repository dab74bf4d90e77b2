import { h } from "../dom.ts";

/** A fieldset of checkboxes named `name`, all checked at first (FormData.getAll(name) reads them). */
export function checkboxGroup(legend: string, name: string, values: readonly string[]): HTMLFieldSetElement {
  return h(
    "fieldset",
    {},
    h("legend", {}, legend),
    values.map((value) =>
      h("label", { class: "check" }, h("input", { type: "checkbox", name, value, checked: true }), ` ${value}`),
    ),
  );
}

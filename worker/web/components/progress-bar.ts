import { h } from "../dom.ts";

/** A labelled <progress> with a live text twin, since screen readers rarely announce the bar. */
export function progressBar(label: string): { element: HTMLElement; set: (fraction: number, text?: string) => void } {
  const id = `progress-${Math.random().toString(36).slice(2)}`;
  const bar = h("progress", { id, max: 100, value: 0 });
  const status = h("span", { class: "progress-text", "aria-live": "polite" }, "0%");
  const element = h("div", { class: "progress" }, h("label", { for: id }, label), bar, status);
  return {
    element,
    set(fraction, text) {
      const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
      bar.value = percent;
      status.textContent = text ?? `${percent}%`;
    },
  };
}

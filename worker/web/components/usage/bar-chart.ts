/** One stack of a bar: its name (for the legend and the bar's tooltip), its class (its colour) and a value per bar. */
export type BarSeries = { name: string; className: string; values: number[] };

export type BarChartSpec = {
  id: string;
  title: string;
  /** What the chart shows in a sentence, read out instead of the drawing; the table has the numbers. */
  summary: string;
  /** One label per bar, two lines (`["Jul", "2026"]`; an empty second line is left out). */
  labels: [string, string][];
  series: BarSeries[];
  format: (value: number) => string;
  /** Counts: the axis steps by whole numbers. */
  wholeNumbers?: boolean;
};

const svgNs = "http://www.w3.org/2000/svg";
// The drawing's own units: narrow enough that its 13-unit text stays readable on a phone.
const width = 400;
const height = 220;
const plot = { left: 40, right: 8, top: 20, bottom: 40 };

function svg(tag: string, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
function roundUp(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

/**
 * The value axis's ticks: at most five round steps from zero to at least `max`.
 *
 * @example
 * axisTicks(45, false) // [0, 20, 40, 60]
 * axisTicks(4, true) // [0, 1, 2, 3, 4]
 * axisTicks(0, true) // [0, 1]
 */
export function axisTicks(max: number, wholeNumbers: boolean): number[] {
  const smallest = wholeNumbers ? 1 : 0.1;
  const step = max <= 0 ? smallest : Math.max(smallest, roundUp(max / 4));
  const count = Math.max(1, Math.ceil(max / step));
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}

/**
 * A bar chart drawn as plain SVG, stacked when there is more than one series: a labelled value
 * axis with grid lines, one bar per label, each total written above its bar, and a tooltip per
 * piece. It is one image to assistive technology, named by its title and summary.
 *
 * @example
 * barChart({ id: "minutes", title: "Minutes", summary: "…", labels: [["Jul", "2026"]],
 *   series: [{ name: "Minutes", className: "bar-minutes", values: [42] }], format: String });
 */
export function barChart(spec: BarChartSpec): SVGElement {
  const totals = spec.labels.map((_, i) => spec.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const ticks = axisTicks(Math.max(...totals, 0), spec.wholeNumbers ?? false);
  const top = ticks.at(-1)!;
  const plotWidth = width - plot.left - plot.right;
  const plotHeight = height - plot.top - plot.bottom;
  const y = (value: number) => plot.top + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(1, spec.labels.length);
  const barWidth = Math.min(40, slot * 0.7);
  // With many months, every label would overlap: every nth is written.
  const labelEvery = Math.ceil(spec.labels.length / 8);

  const grid = ticks.map((tick) =>
    svg(
      "g",
      { class: "chart-grid" },
      svg("line", { x1: plot.left, x2: width - plot.right, y1: y(tick), y2: y(tick) }),
      svg("text", { x: plot.left - 4, y: y(tick) + 4, "text-anchor": "end" }, spec.format(tick)),
    ),
  );
  const bars = spec.labels.map(([first, second], i) => {
    const x = plot.left + slot * i + (slot - barWidth) / 2;
    let base = 0;
    const pieces = spec.series.map((series) => {
      const value = series.values[i] ?? 0;
      const rect = svg(
        "rect",
        { class: series.className, x, y: y(base + value), width: barWidth, height: y(base) - y(base + value) },
        svg("title", {}, `${first} ${second}: ${series.name} ${spec.format(value)}`),
      );
      base += value;
      return rect;
    });
    const center = x + barWidth / 2;
    const label =
      i % labelEvery === 0
        ? [
            svg("text", { x: center, y: height - plot.bottom + 16, "text-anchor": "middle" }, first),
            ...(second
              ? [svg("text", { x: center, y: height - plot.bottom + 31, "text-anchor": "middle" }, second)]
              : []),
          ]
        : [];
    const total =
      totals[i]! > 0
        ? [
            svg(
              "text",
              { x: center, y: y(totals[i]!) - 5, "text-anchor": "middle", class: "chart-total" },
              spec.format(totals[i]!),
            ),
          ]
        : [];
    return svg("g", { class: "chart-bar" }, ...pieces, ...total, ...label);
  });

  return svg(
    "svg",
    {
      id: spec.id,
      class: "bar-chart",
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-labelledby": `${spec.id}-title ${spec.id}-summary`,
    },
    svg("title", { id: `${spec.id}-title` }, spec.title),
    svg("desc", { id: `${spec.id}-summary` }, spec.summary),
    ...grid,
    ...bars,
  );
}

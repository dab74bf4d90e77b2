import type { ResultsContent } from "../../../client/jobs-api.ts";
import { formatTime, h } from "../../dom.ts";
import type { LecturePlayer } from "./lecture-player.ts";

/**
 * The lecture as a line under its player: a marker where each chapter starts and a bar over
 * each highlight, both seeking the lecture when clicked, and a playhead that follows playback.
 */
export function timeline(results: ResultsContent, player: LecturePlayer): HTMLElement {
  const duration = Math.max(results.durationSeconds, 1);
  const at = (seconds: number) => `${Math.min(100, (seconds / duration) * 100).toFixed(3)}%`;
  // Positions go through the CSSOM: a style="" attribute would need 'unsafe-inline' in the CSP.
  const placed = <T extends HTMLElement>(element: T, start: number, length?: number): T => {
    element.style.left = at(start);
    if (length !== undefined) element.style.width = at(length);
    return element;
  };

  const chapters = results.chapters.map((chapter, index) =>
    placed(
      h(
        "button",
        {
          type: "button",
          class: "timeline-chapter",
          title: chapter.title,
          "aria-label": `Chapter ${index + 1}: ${chapter.title}, at ${formatTime(chapter.start)}`,
          onclick: () => player.play(chapter.start, `chapter ${index + 1}: ${chapter.title}`),
        },
        String(index + 1),
      ),
      chapter.start,
    ),
  );
  const highlights = results.highlights.map((highlight, index) =>
    placed(
      h("button", {
        type: "button",
        class: "timeline-highlight",
        title: highlight.title,
        "aria-label": `Highlight ${index + 1}: ${highlight.title}, ${formatTime(highlight.start)} to ${formatTime(highlight.end)}`,
        onclick: () => player.play(highlight.start, `highlight ${index + 1}: ${highlight.title}`, highlight.end),
      }),
      highlight.start,
      highlight.end - highlight.start,
    ),
  );
  const playhead = h("span", { class: "timeline-playhead", "aria-hidden": "true" });
  player.onTime((seconds) => {
    playhead.style.left = at(seconds);
  });

  return h(
    "div",
    { class: "timeline", role: "group", "aria-label": "Lecture timeline: chapters and highlights" },
    h("div", { class: "timeline-row timeline-chapters" }, chapters),
    h(
      "div",
      { class: "timeline-row timeline-highlights" },
      h("span", { class: "timeline-track" }),
      highlights,
      playhead,
    ),
    h(
      "div",
      { class: "timeline-scale", "aria-hidden": "true" },
      h("span", {}, "0:00"),
      h("span", {}, formatTime(results.durationSeconds)),
    ),
  );
}

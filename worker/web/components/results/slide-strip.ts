import type { ResultsContent } from "../../../client/jobs-api.ts";
import { formatTime, h } from "../../dom.ts";
import type { LecturePlayer } from "./lecture-player.ts";

/** The slides as a strip of thumbnails, each playing the lecture from where it appears. */
export function slideStrip(results: ResultsContent, player: LecturePlayer): HTMLElement | null {
  const slides = results.slides.filter((slide) => slide.thumbnail);
  if (slides.length === 0) return null;
  return h(
    "section",
    { "aria-labelledby": "slides-heading" },
    h("h2", { id: "slides-heading" }, `Slides (${slides.length})`),
    h(
      "ol",
      { class: "slide-strip" },
      slides.map((slide, index) => {
        const label = slide.title ?? `Slide ${index + 1}`;
        return h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "slide",
              onclick: () => player.play(slide.start, `the slide “${label}”`),
            },
            h("img", { src: slide.thumbnail!, alt: "", loading: "lazy" }),
            h("span", { class: "time" }, formatTime(slide.start)),
            h("span", { class: "slide-title" }, label),
          ),
        );
      }),
    ),
  );
}

import type { Sentence } from "../../../../agents/contracts/artifacts.ts";
import type { ResultsContent } from "../../../client/jobs-api.ts";
import { formatTime, h } from "../../dom.ts";
import type { LecturePlayer } from "./lecture-player.ts";

type Slide = ResultsContent["slides"][number];

/**
 * The transcript beside the player: the sentence being spoken is marked and kept in view as the
 * lecture plays, a click on a sentence plays from there, and a search finds words in the
 * transcript and on the slides.
 */
export function transcriptPanel(results: ResultsContent, player: LecturePlayer): HTMLElement {
  const list = h("ol", { class: "transcript", "aria-label": "Transcript" }, h("li", {}, "Loading the transcript…"));
  const matches = h("ul", { class: "search-results", "aria-label": "Search results" });
  const count = h("p", { class: "hint", role: "status" });
  const search = h("input", { type: "search", id: "transcript-search", autocomplete: "off" });
  let sentences: Sentence[] = [];
  let rows: HTMLLIElement[] = [];

  void loadSentences(results.transcript.json).then((loaded) => {
    sentences = loaded;
    rows = loaded.map((sentence) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: "sentence",
            onclick: () => player.play(sentence.start, `the lecture from ${formatTime(sentence.start)}`),
          },
          h("span", { class: "time" }, formatTime(sentence.start)),
          ` ${sentence.text}`,
        ),
      ),
    );
    list.replaceChildren(...(rows.length ? rows : [h("li", {}, "No speech was recognized.")]));
  });

  let current = -1;
  player.onTime((seconds) => {
    const index = sentences.findLastIndex((sentence) => sentence.start <= seconds);
    if (index === current) return;
    rows[current]?.removeAttribute("aria-current");
    current = index;
    const row = rows[index];
    if (!row) return;
    row.setAttribute("aria-current", "true");
    // Scroll the panel only, never the page: the player must stay where it is.
    list.scrollTop = row.offsetTop - list.clientHeight / 3; // offsetTop is within the list
  });

  search.addEventListener("input", () => {
    const query = search.value.trim().toLowerCase();
    if (query.length < 2) {
      matches.replaceChildren();
      count.textContent = "";
      return;
    }
    const found = [
      ...sentences
        .filter((sentence) => sentence.text.toLowerCase().includes(query))
        .map((sentence) => match(sentence.start, "Transcript", sentence.text)),
      ...results.slides
        .filter((slide) => slideText(slide).toLowerCase().includes(query))
        .map((slide) => match(slide.start, "Slide", slide.title ?? slideText(slide))),
    ];
    matches.replaceChildren(...found);
    count.textContent = found.length === 1 ? "1 match" : `${found.length} matches`;
  });
  const match = (start: number, where: string, text: string) =>
    h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          class: "sentence",
          onclick: () => player.play(start, `the lecture from ${formatTime(start)}`),
        },
        h("span", { class: "time" }, `${where} · ${formatTime(start)}`),
        ` ${text}`,
      ),
    );

  return h(
    "section",
    { class: "transcript-panel", "aria-labelledby": "transcript-heading" },
    h("h2", { id: "transcript-heading" }, "Transcript"),
    h("div", { class: "field" }, h("label", { for: "transcript-search" }, "Search the transcript and slides"), search),
    count,
    matches,
    list,
  );
}

const slideText = (slide: Slide) => [slide.title, slide.text].filter(Boolean).join(" ");

async function loadSentences(url: string | null): Promise<Sentence[]> {
  if (!url) return [];
  try {
    const response = await fetch(url);
    if (!response.ok) return [];
    return ((await response.json()) as { sentences?: Sentence[] }).sentences ?? [];
  } catch {
    return [];
  }
}

import type { ResultsContent } from "../../client/jobs-api.ts";
import { formatTime, h } from "../dom.ts";
import { captionTrack } from "./results/captions.ts";
import { type LecturePlayer, lecturePlayer } from "./results/lecture-player.ts";
import { slideStrip } from "./results/slide-strip.ts";
import { timeline } from "./results/timeline.ts";
import { transcriptPanel } from "./results/transcript-panel.ts";

type Highlight = ResultsContent["highlights"][number];

/**
 * A finished lecture to look at: its own player, kept in view, with the timeline of chapters and
 * highlights under it; beside it the transcript, the highlights with their clips, the chapters,
 * the slides, the reel and the downloads. Everything seeks the lecture itself.
 */
export function resultsView(results: ResultsContent): HTMLElement {
  const player = lecturePlayer({ url: results.source?.url ?? null }, results.transcript.vtt);
  return h(
    "section",
    { class: "results", "aria-labelledby": "results-heading" },
    h("h2", { id: "results-heading", class: "visually-hidden" }, "Results"),
    h("div", { class: "watch" }, player.element, timeline(results, player)),
    h(
      "div",
      { class: "explore" },
      transcriptPanel(results, player),
      highlightsSection(results, player),
      chaptersSection(results, player),
      slideStrip(results, player),
      reelSection(results),
      downloadsSection(results),
    ),
  );
}

function highlightsSection(results: ResultsContent, player: LecturePlayer): HTMLElement {
  const card = (highlight: Highlight, index: number) =>
    h(
      "li",
      { class: "highlight-card" },
      h(
        "button",
        {
          type: "button",
          class: "highlight",
          onclick: () => player.play(highlight.start, `highlight ${index + 1}: ${highlight.title}`, highlight.end),
        },
        highlight.thumbnail ? h("img", { src: highlight.thumbnail, alt: "", loading: "lazy" }) : null,
        h(
          "span",
          { class: "highlight-text" },
          h("strong", {}, highlight.title),
          h("span", { class: "time" }, `${formatTime(highlight.start)} – ${formatTime(highlight.end)}`),
          h("span", {}, highlight.summary),
          h(
            "span",
            { class: "phrases" },
            highlight.keyPhrases.map((phrase) => h("span", { class: "phrase" }, phrase)),
          ),
        ),
      ),
      highlight.clip &&
        h(
          "details",
          { class: "clip" },
          h("summary", {}, `The clip of highlight ${index + 1}`),
          captionedVideo(highlight.clip, `Clip of highlight ${index + 1}`, results.transcript.vtt, highlight),
          downloadLink("Download the clip", highlight.clip, `highlight-${index + 1}.mp4`),
        ),
    );
  return h(
    "section",
    { "aria-labelledby": "highlights-heading" },
    h("h2", { id: "highlights-heading" }, `Highlights (${results.highlights.length})`),
    h("ol", { class: "highlights" }, results.highlights.map(card)),
  );
}

function chaptersSection(results: ResultsContent, player: LecturePlayer): HTMLElement {
  const chapters = results.chapters.map((chapter, index) =>
    h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          class: "chapter",
          onclick: () => player.play(chapter.start, `chapter ${index + 1}: ${chapter.title}`),
        },
        h("span", { class: "time" }, formatTime(chapter.start)),
        ` ${chapter.title}`,
      ),
      h("p", {}, chapter.summary),
    ),
  );
  return h(
    "section",
    { "aria-labelledby": "chapters-heading" },
    h("h2", { id: "chapters-heading" }, "Chapters"),
    chapters.length ? h("ol", { class: "chapters" }, chapters) : h("p", {}, "No chapters."),
  );
}

function reelSection(results: ResultsContent): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "reel-heading" },
    h("h2", { id: "reel-heading" }, "Highlight reel"),
    results.reel?.url
      ? captionedVideo(results.reel.url, "The highlight reel", results.reelCaptions?.vtt ?? null)
      : h("p", {}, "No reel was made for this lecture."),
  );
}

/** A player with captions: the reel's own, or a clip's cut from the lecture's. */
function captionedVideo(
  url: string,
  label: string,
  vttUrl: string | null,
  range?: { start: number; end: number },
): HTMLVideoElement {
  const video = h("video", {
    src: url,
    controls: true,
    preload: "metadata",
    playsinline: true,
    class: "player",
    "aria-label": label,
  });
  void captionTrack(vttUrl, range).then((track) => track && video.append(track));
  return video;
}

function downloadsSection(results: ResultsContent): HTMLElement {
  const download = (label: string, url: string | null | undefined, filename: string) =>
    url ? h("li", {}, downloadLink(label, url, filename)) : null;
  const json = new Blob([JSON.stringify(results, null, 2)], { type: "application/json" });
  return h(
    "section",
    { "aria-labelledby": "downloads-heading" },
    h("h2", { id: "downloads-heading" }, "Downloads"),
    h(
      "ul",
      { class: "downloads" },
      download("Highlight reel (MP4)", results.reel?.url, "reel.mp4"),
      download("Reel captions (VTT)", results.reelCaptions?.vtt, "reel.vtt"),
      download("Reel captions (SRT)", results.reelCaptions?.srt, "reel.srt"),
      download("Transcript (VTT)", results.transcript.vtt, "transcript.vtt"),
      download("Transcript (SRT)", results.transcript.srt, "transcript.srt"),
      download("Transcript (JSON)", results.transcript.json, "transcript.json"),
      download("Results (JSON)", URL.createObjectURL(json), "results.json"),
    ),
  );
}

/**
 * Browsers ignore `download` on cross-origin links and open the file instead: the link fetches
 * it and saves it from a blob: URL, under a name that says what it is.
 */
function downloadLink(label: string, url: string, filename: string): HTMLAnchorElement {
  const link = h("a", { href: url, download: filename }, label);
  link.addEventListener("click", async (event) => {
    if (url.startsWith("blob:") || new URL(url).origin === location.origin) return;
    event.preventDefault();
    const response = await fetch(url);
    const saver = h("a", { href: URL.createObjectURL(await response.blob()), download: filename });
    saver.click();
    setTimeout(() => URL.revokeObjectURL(saver.href), 60_000);
  });
  return link;
}

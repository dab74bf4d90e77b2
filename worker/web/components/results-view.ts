import type { JobResults } from "../../client/jobs-api.ts";
import { formatTime, h } from "../dom.ts";
import { reelPosition } from "../reel-timeline.ts";

type Highlight = JobResults["highlights"][number];

/** The reel player with captions, the highlights, the chapters and the downloads. */
export function resultsView(results: JobResults): HTMLElement {
  const video = h("video", { controls: true, preload: "metadata", playsinline: true, class: "player" });
  const nowPlaying = h("p", { class: "now-playing", "aria-live": "polite" });
  const playReel = (at = 0) => {
    if (!results.reel?.url) return;
    if (video.dataset.source !== "reel") {
      video.src = results.reel.url;
      video.dataset.source = "reel";
      addCaptions(video, results.reelCaptions?.vtt ?? null);
    }
    nowPlaying.textContent = "Playing the highlight reel.";
    seekAndPlay(video, at);
  };
  const playClip = (highlight: Highlight, index: number) => {
    if (!highlight.clip) return;
    video.querySelector("track")?.remove(); // the reel's captions are timed for the reel only
    video.src = highlight.clip;
    video.dataset.source = `clip-${index}`;
    nowPlaying.textContent = `Playing highlight ${index + 1}: ${highlight.title}.`;
    seekAndPlay(video, 0);
  };
  if (results.reel?.url) {
    video.src = results.reel.url;
    video.dataset.source = "reel";
    addCaptions(video, results.reelCaptions?.vtt ?? null);
  }

  const highlights = h(
    "ol",
    { class: "highlights" },
    results.highlights.map((highlight, index) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: "highlight",
            "aria-label": `Play highlight ${index + 1}: ${highlight.title}`,
            onclick: () => playClip(highlight, index),
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
        highlight.clip && downloadLink("Download clip", highlight.clip, `highlight-${index + 1}.mp4`),
      ),
    ),
  );

  const chapters = h(
    "ol",
    { class: "chapters" },
    results.chapters.map((chapter) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: "chapter",
            onclick: () => playReel(reelPosition(chapter.start, results.highlights, results.reel?.duration ?? 0)),
          },
          h("span", { class: "time" }, formatTime(chapter.start)),
          ` ${chapter.title}`,
        ),
        h("p", {}, chapter.summary),
      ),
    ),
  );

  const download = (label: string, url: string | null | undefined, filename: string) =>
    url ? h("li", {}, downloadLink(label, url, filename)) : null;
  const json = new Blob([JSON.stringify(results, null, 2)], { type: "application/json" });
  const downloads = h(
    "ul",
    { class: "downloads" },
    download("Highlight reel (MP4)", results.reel?.url, "reel.mp4"),
    download("Reel captions (VTT)", results.reelCaptions?.vtt, "reel.vtt"),
    download("Reel captions (SRT)", results.reelCaptions?.srt, "reel.srt"),
    download("Transcript (VTT)", results.transcript.vtt, "transcript.vtt"),
    download("Transcript (SRT)", results.transcript.srt, "transcript.srt"),
    download("Transcript (JSON)", results.transcript.json, "transcript.json"),
    download("Results (JSON)", URL.createObjectURL(json), "results.json"),
  );

  return h(
    "section",
    { class: "results", "aria-labelledby": "results-heading" },
    h("h2", { id: "results-heading" }, "Results"),
    results.reel?.url
      ? h("div", {}, video, nowPlaying, h("button", { type: "button", onclick: () => playReel(0) }, "Play the reel"))
      : h("p", {}, "No reel was made for this lecture."),
    h("h3", {}, `Highlights (${results.highlights.length})`),
    highlights,
    h("h3", {}, "Chapters"),
    results.chapters.length ? chapters : h("p", {}, "No chapters."),
    h("h3", {}, "Downloads"),
    downloads,
  );
}

/**
 * <track> must be same-origin (or CORS-enabled) to load, and the storage is another origin: the
 * captions are fetched and handed to the player as a blob: URL.
 */
async function addCaptions(video: HTMLVideoElement, vttUrl: string | null): Promise<void> {
  video.querySelector("track")?.remove();
  if (!vttUrl) return;
  const response = await fetch(vttUrl);
  if (!response.ok) return;
  const blobUrl = URL.createObjectURL(new Blob([await response.text()], { type: "text/vtt" }));
  if (video.dataset.source !== "reel") return;
  video.append(h("track", { kind: "captions", label: "Captions", srclang: "en", src: blobUrl, default: true }));
}

function seekAndPlay(video: HTMLVideoElement, at: number): void {
  const start = () => {
    video.currentTime = at;
    video.play().catch(() => undefined); // autoplay refused: the controls are there
  };
  if (video.readyState >= 1) start();
  else video.addEventListener("loadedmetadata", start, { once: true });
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

import { h } from "../../dom.ts";
import { captionTrack } from "./captions.ts";

export type LecturePlayer = {
  element: HTMLElement;
  video: HTMLVideoElement;
  /** Plays the lecture from `start` (until `end` when given), with the player brought into view. */
  play: (start: number, label: string, end?: number) => void;
  /** Calls `listener` with the playing position as it moves. */
  onTime: (listener: (seconds: number) => void) => void;
};

/**
 * The lecture's own player, with the transcript as captions. Every seek brings it into view:
 * wide screens keep it sticky beside the page, so only phones scroll.
 */
export function lecturePlayer(source: { url: string | null }, captionsVtt: string | null): LecturePlayer {
  const video = h("video", {
    controls: true,
    preload: "metadata",
    playsinline: true,
    class: "player lecture-player",
    "aria-label": "The lecture",
    "data-source": "lecture",
  });
  if (source.url) video.src = source.url;
  void captionTrack(captionsVtt).then((track) => track && video.append(track));
  const nowPlaying = h("p", { class: "now-playing", "aria-live": "polite" });
  let stopAt: number | null = null;
  video.addEventListener("timeupdate", () => {
    if (stopAt !== null && video.currentTime >= stopAt) {
      stopAt = null;
      video.pause();
    }
  });
  return {
    element: h("div", { class: "lecture" }, video, nowPlaying),
    video,
    play(start, label, end) {
      nowPlaying.textContent = `Playing ${label}.`;
      stopAt = end ?? null;
      bringIntoView(video);
      seekAndPlay(video, start);
    },
    onTime(listener) {
      video.addEventListener("timeupdate", () => listener(video.currentTime));
      video.addEventListener("seeked", () => listener(video.currentTime));
    },
  };
}

/** Scrolls only when part of the player is off screen (a phone; on wide screens it is sticky). */
function bringIntoView(element: HTMLElement): void {
  const box = element.getBoundingClientRect();
  if (box.top >= 0 && box.bottom <= window.innerHeight) return;
  element.scrollIntoView({ block: "start", behavior: "instant" });
}

/** Seeks once the metadata is there (a seek before it is lost), then plays. */
export function seekAndPlay(video: HTMLVideoElement, at: number): void {
  const start = () => {
    video.currentTime = at;
    video.play().catch(() => undefined); // autoplay refused: the controls are there
  };
  if (video.readyState >= 1) start();
  else video.addEventListener("loadedmetadata", start, { once: true });
}

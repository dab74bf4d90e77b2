import { h, showPage } from "../dom.ts";

const steps: [string, string][] = [
  ["Upload a lecture", "Drop a recording of any length; big files upload in parts and resume after a lost connection."],
  ["Watch it being processed", "Transcription, slide changes and chapters advance live on the page."],
  [
    "Use the highlights",
    "Short clips with titles and summaries, a highlight reel, chapters, captions and slide thumbnails, ready to publish.",
  ],
];

/** What the product does, for a visitor who is not signed in, with the ways in. */
export function landingPage(): void {
  showPage(
    h("h1", {}, "Turn long lectures into their best moments"),
    h(
      "p",
      { class: "lead" },
      "Lecture Highlights watches a recorded lecture for you and cuts it into what a student needs: the key moments, " +
        "each as a captioned clip, a short reel of them all, and chapters to jump around the whole talk.",
    ),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button", href: "#/sign-up" }, "Create an account"),
      " ",
      h("a", { class: "button secondary", href: "#/sign-in" }, "Sign in"),
    ),
    h("h2", {}, "How it works"),
    h(
      "ol",
      { class: "steps" },
      steps.map(([title, text]) => h("li", {}, h("strong", {}, title), ": ", text)),
    ),
    h(
      "p",
      {},
      "Course teams and video platforms can do the same from their own systems: see the ",
      h("a", { href: "/docs" }, "API reference"),
      " (API keys, signed webhooks when highlights are ready).",
    ),
  );
}

import { h } from "./dom.ts";
import { apiKeysPage } from "./pages/api-keys.ts";
import { jobPage } from "./pages/job.ts";
import { jobsPage } from "./pages/jobs.ts";
import { newJobPage } from "./pages/new-job.ts";
import { signInPage } from "./pages/sign-in.ts";
import { webhooksPage } from "./pages/webhooks.ts";
import { currentSession, signOut } from "./session.ts";

// Leaving a page aborts what it still watches (a job's WebSocket).
let leavePage = new AbortController();

/** Hash routes, so the static assets need no server-side routing. */
async function route(): Promise<void> {
  leavePage.abort();
  leavePage = new AbortController();
  const path = location.hash.replace(/^#/, "") || "/";
  renderNav();
  if (path === "/sign-up") return signInPage("register");
  if (path === "/sign-in") return signInPage("login");
  if (!currentSession()) {
    location.hash = "#/sign-in";
    return;
  }
  const jobMatch = /^\/jobs\/([^/]+)$/.exec(path);
  if (jobMatch) return jobPage(decodeURIComponent(jobMatch[1]!), leavePage.signal);
  if (path === "/new") return newJobPage();
  if (path === "/jobs") return jobsPage();
  if (path === "/api-keys") return apiKeysPage();
  if (path === "/webhooks") return webhooksPage();
  location.hash = "#/new";
}

function renderNav(): void {
  const nav = document.querySelector("nav")!;
  const session = currentSession();
  const link = (href: string, label: string) =>
    h("li", {}, h("a", { href, "aria-current": location.hash === href ? "page" : undefined }, label));
  nav.replaceChildren(
    h(
      "ul",
      {},
      session
        ? [
            link("#/new", "New"),
            link("#/jobs", "Jobs"),
            link("#/api-keys", "API keys"),
            link("#/webhooks", "Webhooks"),
            h(
              "li",
              {},
              h(
                "button",
                {
                  type: "button",
                  class: "link",
                  onclick: async () => {
                    await signOut();
                    location.hash = "#/sign-in";
                  },
                },
                `Sign out ${session.user.email}`,
              ),
            ),
          ]
        : [link("#/sign-in", "Sign in"), link("#/sign-up", "Sign up")],
    ),
  );
}

window.addEventListener("hashchange", () => void route());
void route();

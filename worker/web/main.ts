import { organizationSwitcher } from "./components/organization-switcher.ts";
import { h } from "./dom.ts";
import { acceptInvitationPage } from "./pages/accept-invitation.ts";
import { apiKeysPage } from "./pages/api-keys.ts";
import { jobPage } from "./pages/job.ts";
import { jobsPage } from "./pages/jobs.ts";
import { landingPage } from "./pages/landing.ts";
import { newJobPage } from "./pages/new-job.ts";
import { organizationPage } from "./pages/organization.ts";
import { settingsPage } from "./pages/settings.ts";
import { sharedPage } from "./pages/shared.ts";
import { signInPage } from "./pages/sign-in.ts";
import { usagePage } from "./pages/usage.ts";
import { webhooksPage } from "./pages/webhooks.ts";
import { signInLink } from "./return-path.ts";
import { currentUser, onSessionChange, refreshSession, signOut } from "./session.ts";

// Leaving a page aborts what it still watches (a job's WebSocket).
let leavePage = new AbortController();

/** Hash routes, so the static assets need no server-side routing. */
async function route(): Promise<void> {
  leavePage.abort();
  leavePage = new AbortController();
  // A share link is a path of its own (`/s/{token}`); the app's hash routes live at `/`.
  const shared = /^\/s\/([^/]+)$/.exec(location.pathname);
  if (shared && location.hash) return location.replace(`/${location.hash}`);
  const [path = "/", query = ""] = location.hash.replace(/^#/, "").split("?");
  const next = new URLSearchParams(query).get("next");
  renderNav();
  if (shared) return sharedPage(decodeURIComponent(shared[1]!));
  if (path === "/sign-up") return signInPage("register", next);
  if (path === "/sign-in") return signInPage("login", next);
  if (!currentUser()) {
    if (path === "/" || path === "") return landingPage();
    // A page asked for while signed out (a job link opened in a new tab) is where sign-in returns to.
    location.hash = signInLink(path);
    return;
  }
  const jobMatch = /^\/jobs\/([^/]+)$/.exec(path);
  if (jobMatch) return jobPage(decodeURIComponent(jobMatch[1]!), leavePage.signal);
  if (path === "/new") return newJobPage();
  if (path === "/jobs") return jobsPage();
  if (path === "/api-keys") return apiKeysPage();
  if (path === "/webhooks") return webhooksPage();
  if (path === "/organization") return organizationPage(() => void route());
  const invitation = /^\/invitations\/([^/]+)$/.exec(path);
  if (invitation) return acceptInvitationPage(decodeURIComponent(invitation[1]!));
  if (path === "/usage") return usagePage();
  if (path === "/settings") return settingsPage();
  location.hash = "#/new";
}

function renderNav(): void {
  const nav = document.querySelector("nav")!;
  const user = currentUser();
  const link = (href: string, label: string) =>
    h("li", {}, h("a", { href, "aria-current": location.hash === href ? "page" : undefined }, label));
  nav.replaceChildren(
    h(
      "ul",
      {},
      user
        ? [
            link("#/new", "New"),
            link("#/jobs", "Jobs"),
            link("#/api-keys", "API keys"),
            link("#/webhooks", "Webhooks"),
            link("#/organization", "Members"),
            organizationSwitcher(user.id, () => void route()),
            link("#/usage", "Usage"),
            link("#/settings", "Settings"),
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
                    location.hash = "#/";
                  },
                },
                `Sign out ${user.email}`,
              ),
            ),
          ]
        : [link("#/sign-in", "Sign in"), link("#/sign-up", "Sign up")],
    ),
  );
}

// Another tab signed in: continue its session here too. It signed out, or this tab's session
// ended: show the page again, which now asks to sign in.
onSessionChange(async (change) => {
  if (change === "signed-in") {
    if (currentUser()) return;
    await refreshSession();
  }
  await route();
});
window.addEventListener("hashchange", () => void route());
// A new tab or a reload: the refresh cookie, if any, signs this tab in before the first page.
void refreshSession().then(route);

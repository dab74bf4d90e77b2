/**
 * The sign-in page's link for returning to `path` afterwards.
 *
 * @example
 * signInLink("/jobs/1b67…"); // "#/sign-in?next=%2Fjobs%2F1b67…"
 */
export function signInLink(path: string, mode: "sign-in" | "sign-up" = "sign-in"): string {
  return `#/${mode}?${new URLSearchParams({ next: path })}`;
}

/**
 * Where to go after signing in: `next` when it is a page of the app, else the new-job page. Only
 * in-app paths are followed, so a crafted link cannot send the user elsewhere.
 *
 * @example
 * afterSignIn("/jobs/1b67…"); // "#/jobs/1b67…"
 * afterSignIn("//evil.example"); // "#/new"
 */
export function afterSignIn(next: string | null): string {
  return next && /^\/[\w\-/]*$/.test(next) && !next.startsWith("//") && !next.startsWith("/sign-")
    ? `#${next}`
    : "#/new";
}

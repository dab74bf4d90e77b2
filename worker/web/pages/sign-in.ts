import { errorBox, h, showPage } from "../dom.ts";
import { errorMessage } from "../errors.ts";
import { afterSignIn, signInLink } from "../return-path.ts";
import { authenticate } from "../session.ts";

/**
 * Sign up (`register`) or sign in (`login`): the same form, a different route. Afterwards it goes
 * to `next`, the page that was asked for while signed out.
 */
export function signInPage(mode: "register" | "login", next: string | null): void {
  const signingUp = mode === "register";
  const error = errorBox();
  const email = h("input", { id: "email", name: "email", type: "email", autocomplete: "email", required: true });
  const password = h("input", {
    id: "password",
    name: "password",
    type: "password",
    required: true,
    minlength: signingUp ? 12 : undefined,
    autocomplete: signingUp ? "new-password" : "current-password",
    "aria-describedby": signingUp ? "password-hint" : undefined,
  });
  const submit = h("button", { type: "submit" }, signingUp ? "Create account" : "Sign in");
  const form = h(
    "form",
    { class: "card narrow" },
    h("label", { for: "email" }, "Email"),
    email,
    h("label", { for: "password" }, "Password"),
    password,
    signingUp && h("p", { id: "password-hint", class: "hint" }, "At least 12 characters."),
    error,
    submit,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    submit.disabled = true;
    try {
      await authenticate(mode, email.value, password.value);
      location.hash = afterSignIn(next);
    } catch (failure) {
      error.textContent = errorMessage(failure);
    } finally {
      submit.disabled = false;
    }
  });
  const other = signingUp ? "sign-in" : "sign-up";
  const otherHref = next ? signInLink(next, other) : `#/${other}`;
  showPage(
    h("h1", {}, signingUp ? "Create an account" : "Sign in"),
    form,
    h(
      "p",
      {},
      signingUp ? "Already have an account? " : "New here? ",
      h("a", { href: otherHref }, signingUp ? "Sign in" : "Create an account"),
    ),
  );
}

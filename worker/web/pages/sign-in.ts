import { errorBox, h, showPage } from "../dom.ts";
import { authenticate } from "../session.ts";

/** Sign up (`register`) or sign in (`login`): the same form, a different route. */
export function signInPage(mode: "register" | "login"): void {
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
      location.hash = "#/new";
    } catch (failure) {
      error.textContent = (failure as Error).message;
    } finally {
      submit.disabled = false;
    }
  });
  showPage(
    h("h1", {}, signingUp ? "Create an account" : "Sign in"),
    form,
    h(
      "p",
      {},
      signingUp ? "Already have an account? " : "New here? ",
      h("a", { href: signingUp ? "#/sign-in" : "#/sign-up" }, signingUp ? "Sign in" : "Create an account"),
    ),
  );
}

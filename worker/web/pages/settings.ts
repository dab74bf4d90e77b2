import type { JobOptionChoices } from "../../../agents/contracts/job.ts";
import type { OrganizationPreferences, UserPreferences } from "../../../agents/contracts/preferences.ts";
import { apiRequest } from "../../client/api-request.ts";
import { type FieldMaker, jobOptionChoices, jobOptionInputs } from "../components/job-option-fields.ts";
import { errorBox, h, showPage } from "../dom.ts";
import { errorMessage } from "../errors.ts";
import { connection } from "../session.ts";

type Me = { user: { id: string }; organization: { id: string; role: string } };

const field: FieldMaker = (id, label, attributes, hint) =>
  h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    hint && h("p", { id: `${id}-hint`, class: "hint" }, hint),
    h("input", { id, name: id, ...(hint ? { "aria-describedby": `${id}-hint` } : {}), ...attributes }),
  );

/** A form that saves with `save`, saying "Saved." or why not in its own status line. */
function savingForm(
  heading: string,
  intro: string,
  fields: HTMLElement[],
  save: (values: FormData) => Promise<unknown>,
): HTMLFormElement {
  const status = errorBox();
  const saved = h("p", { class: "hint", role: "status" });
  const form = h(
    "form",
    { class: "card", novalidate: true, "aria-label": heading },
    h("h2", {}, heading),
    h("p", { class: "hint" }, intro),
    ...fields,
    status,
    saved,
    h("button", { type: "submit" }, "Save"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "";
    saved.textContent = "";
    try {
      await save(new FormData(form));
      saved.textContent = "Saved.";
    } catch (failure) {
      status.textContent = errorMessage(failure);
    }
  });
  return form;
}

const checkbox = (name: string, label: string, checked: boolean) =>
  h("label", { class: "check" }, h("input", { type: "checkbox", name, checked }), ` ${label}`);

/**
 * The user's default job options, the emails they want and, for an organization's admins and
 * owners, the organization's default job options (a personal account's are its user's own).
 */
export async function settingsPage(): Promise<void> {
  const api = connection();
  const [preferences, me] = await Promise.all([
    apiRequest<UserPreferences>(api, "GET", "/v1/me/preferences"),
    apiRequest<Me>(api, "GET", "/v1/me"),
  ]);
  const patch = (body: unknown) => apiRequest<UserPreferences>(api, "PATCH", "/v1/me/preferences", { body });
  const own = savingForm(
    "Your default job options",
    "A new job takes these where it leaves a field empty; a field empty here falls back to your organization's, " +
      "then scales with the lecture.",
    jobOptionInputs(field, preferences.jobDefaults),
    (values) => patch({ jobDefaults: jobOptionChoices(values) }),
  );
  const { emailOnCompleted, emailOnFailed } = preferences.notifications;
  const emails = savingForm(
    "Emails",
    "Besides webhooks, an email to you when one of your jobs ends. Both are off until you turn them on.",
    [
      checkbox("emailOnCompleted", "Email me when a job's highlights are ready", emailOnCompleted),
      checkbox("emailOnFailed", "Email me when a job fails", emailOnFailed),
    ],
    (values) =>
      patch({
        notifications: { emailOnCompleted: values.has("emailOnCompleted"), emailOnFailed: values.has("emailOnFailed") },
      }),
  );
  const sections: Node[] = [h("h1", {}, "Settings"), own, emails];
  const team = me.organization.id !== me.user.id;
  if (team && (me.organization.role === "admin" || me.organization.role === "owner")) {
    const path = "/v1/organization/preferences";
    const organization = await apiRequest<OrganizationPreferences>(api, "GET", path);
    sections.push(
      savingForm(
        "Your organization's default job options",
        "Every member's job takes these where neither the job nor the member's own defaults choose.",
        jobOptionInputs(field, organization.jobDefaults, "organization-"),
        (values) =>
          apiRequest(api, "PUT", path, {
            body: { jobDefaults: jobOptionChoices(values, "organization-") satisfies JobOptionChoices },
          }),
      ),
    );
  }
  showPage(...sections);
}

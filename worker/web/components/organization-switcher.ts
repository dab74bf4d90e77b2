import { apiRequest } from "../../client/api-request.ts";
import { h } from "../dom.ts";
import { type Organization, selectedOrganization, selectOrganization } from "../organization.ts";
import { connection } from "../session.ts";

/**
 * The nav's choice of organization to act in. A choice the user no longer belongs to (removed,
 * deleted) falls back to their personal organization, which has the user's id.
 *
 * @example
 * nav.append(organizationSwitcher(user.id, () => route()));
 */
export function organizationSwitcher(userId: string, onSwitch: () => void): HTMLElement {
  const select = h("select", { id: "organization-switcher", "aria-label": "Organization" });
  const item = h("li", { class: "switcher" }, select);
  void apiRequest<{ organizations: Organization[] }>(connection(), "GET", "/v1/organizations")
    .then(({ organizations }) => {
      const chosen = selectedOrganization(userId);
      if (chosen && !organizations.some((o) => o.id === chosen)) {
        selectOrganization(userId, null);
        onSwitch();
        return;
      }
      select.replaceChildren(
        ...organizations.map((o) =>
          h("option", { value: o.id, selected: o.id === (chosen ?? userId) }, o.personal ? `${o.name} (you)` : o.name),
        ),
      );
    })
    .catch(() => item.remove());
  select.addEventListener("change", () => {
    selectOrganization(userId, select.value === userId ? null : select.value);
    onSwitch();
  });
  return item;
}

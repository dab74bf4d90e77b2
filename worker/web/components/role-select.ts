import { organizationRoles } from "../../auth/roles.ts";
import { h } from "../dom.ts";

/**
 * A labelled choice of role, offering only `allowed` ones (an admin cannot make an owner).
 *
 * @example
 * roleSelect("invite-role", "Role", "viewer", (role) => canChangeMember("admin", role, role));
 */
export function roleSelect(
  id: string,
  label: string,
  value: string,
  allowed: (role: (typeof organizationRoles)[number]) => boolean,
) {
  const select = h(
    "select",
    { id, name: "role" },
    organizationRoles
      .filter((role) => allowed(role) || role === value)
      .map((role) => h("option", { value: role, selected: role === value }, role)),
  );
  return { label: h("label", { for: id }, label), select };
}

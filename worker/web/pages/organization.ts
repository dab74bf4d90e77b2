import { can, canChangeMember } from "../../auth/policy.ts";
import type { OrganizationRole } from "../../auth/roles.ts";
import { apiRequest } from "../../client/api-request.ts";
import { confirmAction } from "../components/confirm-dialog.ts";
import { roleSelect } from "../components/role-select.ts";
import { secretNotice } from "../components/secret-notice.ts";
import { errorBox, h, showPage } from "../dom.ts";
import { actionRunner } from "../errors.ts";
import { type Organization, selectedOrganization, selectOrganization } from "../organization.ts";
import { connection, currentUser } from "../session.ts";

type Member = { userId: string; email: string; role: OrganizationRole; joinedAt: string };
type PendingInvitation = { id: string; email: string; role: OrganizationRole; expiresAt: string };

/** The organization acted in: its members and roles, invitations, leaving, and starting another. */
export async function organizationPage(onSwitch: () => void): Promise<void> {
  const user = currentUser()!;
  const organizationId = selectedOrganization(user.id) ?? user.id;
  const error = errorBox();
  const summary = h("p", { id: "organization-role" });
  const members = h("ul", { class: "item-list", "aria-label": "Members" });
  const invited = h("div");
  // The invitation whose link `invited` shows: revoking it makes that notice stale.
  let shownInvitationId: string | null = null;
  const pending = h("ul", { class: "item-list", "aria-label": "Pending invitations" });
  const managing = h("div");
  const base = `/v1/organizations/${organizationId}`;
  let organization: Organization | null = null;
  const act = actionRunner(error, () => refresh());

  const memberRow = (member: Member, role: OrganizationRole) => {
    const row = h("li", {}, h("strong", {}, member.email), h("span", {}, member.role));
    if (member.userId === user.id || !canChangeMember(role, member.role)) return row;
    const choice = roleSelect(`role-${member.userId}`, `Role of ${member.email}`, member.role, (next) =>
      canChangeMember(role, member.role, next),
    );
    choice.select.addEventListener("change", () =>
      act(() =>
        apiRequest(connection(), "PATCH", `${base}/members/${member.userId}`, { body: { role: choice.select.value } }),
      ),
    );
    const remove = async () => {
      if (await confirmAction(`Remove ${member.email} from ${organization?.name}?`, "Remove"))
        await act(() => apiRequest(connection(), "DELETE", `${base}/members/${member.userId}`));
    };
    row.append(
      choice.label,
      choice.select,
      h(
        "button",
        { type: "button", class: "secondary", "aria-label": `Remove ${member.email}`, onclick: remove },
        "Remove",
      ),
    );
    return row;
  };

  const revokeInvitation = async (invitation: PendingInvitation) => {
    if (!(await confirmAction(`Revoke the invitation for ${invitation.email}? Its link stops working.`, "Revoke")))
      return;
    await act(async () => {
      await apiRequest(connection(), "DELETE", `${base}/invitations/${invitation.id}`);
      if (invitation.id === shownInvitationId) {
        invited.replaceChildren();
        shownInvitationId = null;
      }
    });
  };

  const invitationRow = (invitation: PendingInvitation, role: OrganizationRole) =>
    h(
      "li",
      {},
      h("strong", {}, invitation.email),
      h("span", {}, invitation.role),
      h("span", {}, `until ${new Date(invitation.expiresAt).toLocaleDateString()}`),
      ...(canChangeMember(role, invitation.role, invitation.role)
        ? [
            h(
              "button",
              {
                type: "button",
                class: "secondary",
                "aria-label": `Revoke the invitation for ${invitation.email}`,
                onclick: () => revokeInvitation(invitation),
              },
              "Revoke",
            ),
          ]
        : []),
    );

  const inviteForm = (role: OrganizationRole) => {
    const email = h("input", { id: "invite-email", name: "email", type: "email", required: true });
    const choice = roleSelect("invite-role", "Role", "viewer", (next) => canChangeMember(role, next, next));
    const form = h(
      "form",
      { class: "card", "aria-label": "Invite a member" },
      h("label", { for: "invite-email" }, "Email"),
      email,
      choice.label,
      choice.select,
      h("button", { type: "submit" }, "Invite"),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void act(async () => {
        const invitation = await apiRequest<{ id: string; acceptUrl: string; email: string; emailed: boolean }>(
          connection(),
          "POST",
          `${base}/invitations`,
          {
            body: { email: email.value, role: choice.select.value },
          },
        );
        invited.replaceChildren(
          secretNotice(
            `invitation link for ${invitation.email}`,
            invitation.acceptUrl,
            `${invitation.emailed ? "We emailed it to them; you can also send it yourself." : "Send it to them:"} ` +
              "It works once, for 7 days, and is not shown again.",
          ),
        );
        shownInvitationId = invitation.id;
        form.reset();
      });
    });
    return form;
  };

  const refresh = async () => {
    const { organizations } = await apiRequest<{ organizations: Organization[] }>(
      connection(),
      "GET",
      "/v1/organizations",
    );
    organization = organizations.find((o) => o.id === organizationId) ?? null;
    if (!organization) {
      selectOrganization(user.id, null);
      return onSwitch();
    }
    const role = organization.role;
    summary.textContent = `${organization.name}: your role is ${role}.`;
    const { members: list } = await apiRequest<{ members: Member[] }>(connection(), "GET", `${base}/members`);
    members.replaceChildren(...list.map((member) => memberRow(member, role)));
    const manages = can(role, "members:manage") && !organization.personal;
    if (manages) {
      const { invitations } = await apiRequest<{ invitations: PendingInvitation[] }>(
        connection(),
        "GET",
        `${base}/invitations`,
      );
      pending.replaceChildren(...invitations.map((invitation) => invitationRow(invitation, role)));
      if (invitations.length === 0) pending.append(h("li", {}, "No pending invitations."));
    }
    managing.replaceChildren(
      ...(manages ? [h("h2", {}, "Invite"), inviteForm(role), h("h2", {}, "Pending invitations"), pending] : []),
      ...(organization.personal
        ? []
        : [h("button", { type: "button", class: "secondary", onclick: leave }, `Leave ${organization.name}`)]),
    );
  };

  const leave = async () => {
    if (!(await confirmAction(`Leave ${organization?.name}? You lose access to its jobs.`, "Leave"))) return;
    await act(async () => {
      await apiRequest(connection(), "POST", `${base}/leave`);
      selectOrganization(user.id, null);
      onSwitch();
    });
  };

  const name = h("input", { id: "organization-name", name: "name", required: true, maxlength: 100 });
  const createForm = h(
    "form",
    { class: "card", "aria-label": "New organization" },
    h("label", { for: "organization-name" }, "Name"),
    name,
    h("button", { type: "submit" }, "Create organization"),
  );
  createForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void act(async () => {
      const created = await apiRequest<Organization>(connection(), "POST", "/v1/organizations", {
        body: { name: name.value },
      });
      selectOrganization(user.id, created.id);
      onSwitch();
    });
  });

  showPage(
    h("h1", {}, "Organization"),
    summary,
    error,
    h("h2", {}, "Members"),
    members,
    invited,
    managing,
    h("h2", {}, "Start an organization"),
    createForm,
  );
  await act(async () => undefined);
}

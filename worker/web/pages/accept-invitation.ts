import { apiRequest } from "../../client/api-request.ts";
import { errorBox, h, showPage } from "../dom.ts";
import { actionRunner } from "../errors.ts";
import { selectOrganization } from "../organization.ts";
import { connection, currentUser } from "../session.ts";

/** The invitation link's page: joining takes a click, then the app acts in the new organization. */
export function acceptInvitationPage(token: string): void {
  const user = currentUser()!;
  const error = errorBox();
  const accept = h("button", { type: "button" }, "Accept invitation");
  accept.addEventListener("click", () =>
    actionRunner(
      error,
      async () => undefined,
    )(async () => {
      const joined = await apiRequest<{ organizationId: string }>(connection(), "POST", "/v1/invitations/accept", {
        body: { token },
      });
      selectOrganization(user.id, joined.organizationId);
      location.hash = "#/organization";
    }),
  );
  showPage(
    h("h1", {}, "Join an organization"),
    h("p", {}, `You were invited to an organization. Accept as ${user.email}: the invitation is for one email.`),
    error,
    accept,
  );
}

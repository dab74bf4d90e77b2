import { createRouter } from "../../openapi/router.ts";
import { accept } from "./accept.ts";
import { changeRole } from "./change-role.ts";
import { create } from "./create.ts";
import { remove } from "./delete.ts";
import { get } from "./get.ts";
import { invitationRevoke } from "./invitation-revoke.ts";
import { invitationsList } from "./invitations-list.ts";
import { invite } from "./invite.ts";
import { leave } from "./leave.ts";
import { list } from "./list.ts";
import { membersList } from "./members-list.ts";
import { removeMember } from "./remove-member.ts";

/** `/v1/organizations`: organizations, their members and invitations. */
export const organizationsRoutes = createRouter()
  .route("/", create)
  .route("/", list)
  .route("/", get)
  .route("/", remove)
  .route("/", membersList)
  .route("/", invite)
  .route("/", invitationsList)
  .route("/", invitationRevoke)
  .route("/", changeRole)
  .route("/", removeMember)
  .route("/", leave);

/** `/v1/invitations`: accepting one, which the invitee does before they are a member. */
export const invitationsRoutes = createRouter().route("/", accept);

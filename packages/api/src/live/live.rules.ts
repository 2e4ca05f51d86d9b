import type { PermissionMap } from "../permissions/permission-map.js";
import { isCoordinator, isMember } from "../permissions/rules.js";
import { isMemberOrStaff } from "../request/request.rules.js";

// The same rule as each subscription's matching query. Checked for every change delivered (the resolver runs per
// change with the caller checked again), and the feeds' services check the caller when subscribing as well.
export const livePermissions: PermissionMap = {
  Subscription: {
    myInvitationChanged: isMember,
    myAssignmentChanged: isMember,
    intakeQueueChanged: isCoordinator,
    invitationAnswered: isCoordinator,
    requestStatusChanged: isMemberOrStaff,
    inboxNotificationAdded: isMemberOrStaff,
  },
};

import { Permission } from "../permissions/permission.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isMember, isTenantAdmin, permissionRule } from "../permissions/rules.js";
import { isMemberOrStaff } from "../request/request.rules.js";

// Templates, sender and the outbox are tenant configuration; preferences are the member's own. The development
// outbox is refused in production by its service whatever the rule says.
const readsDevOutbox = permissionRule(Permission.ReadDevOutbox);

export const notificationPermissions: PermissionMap = {
  Query: {
    messageTemplates: isTenantAdmin,
    previewMessage: isTenantAdmin,
    tenantSender: isTenantAdmin,
    outboxMessages: isTenantAdmin,
    devOutbox: readsDevOutbox,
    myNotificationPreferences: isMember,
    myInbox: isMemberOrStaff,
  },
  Mutation: {
    upsertMessageTemplate: isTenantAdmin,
    resetMessageTemplate: isTenantAdmin,
    updateTenantSender: isTenantAdmin,
    retryOutboxMessage: isTenantAdmin,
    setNotificationPreference: isMember,
    markInboxNotifications: isMemberOrStaff,
    markAllInboxNotificationsRead: isMemberOrStaff,
  },
  // The caller's own inbox only (the service reads by the verified actor, never by an id from the client).
  MyInbox: isMemberOrStaff,
  InboxNotification: isMemberOrStaff,
  InboxNotificationConnection: isMemberOrStaff,
  MarkInboxNotificationsPayload: isMemberOrStaff,
  MarkAllInboxNotificationsReadPayload: isMemberOrStaff,
  MessageTemplate: isTenantAdmin,
  MessageTemplateVariable: isTenantAdmin,
  MessagePreview: isTenantAdmin,
  TenantSender: isTenantAdmin,
  OutboxMessage: isTenantAdmin,
  OutboxMessageConnection: isTenantAdmin,
  DevOutboxMessage: readsDevOutbox,
  DevOutboxMessageConnection: readsDevOutbox,
  NotificationPreference: isMember,
  UpsertMessageTemplatePayload: isTenantAdmin,
  ResetMessageTemplatePayload: isTenantAdmin,
  UpdateTenantSenderPayload: isTenantAdmin,
  RetryOutboxMessagePayload: isTenantAdmin,
  SetNotificationPreferencePayload: isMember,
  // Typed outcomes carry nothing but their message.
  LegalNoticeRequired: isAuthenticated,
  OutboxMessageNotFailed: isAuthenticated,
};

import { or } from "graphql-shield";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isAuthenticated, isCoordinator, isMember, isTenantAdmin } from "../permissions/rules.js";

// Templates, sender and the outbox are tenant configuration; preferences are the member's own. The development
// outbox is refused in production by its service whatever the rule says.
const readsDevOutbox = or(isTenantAdmin, isCoordinator);

export const notificationPermissions: PermissionMap = {
  Query: {
    messageTemplates: isTenantAdmin,
    previewMessage: isTenantAdmin,
    tenantSender: isTenantAdmin,
    outboxMessages: isTenantAdmin,
    devOutbox: readsDevOutbox,
    myNotificationPreferences: isMember,
  },
  Mutation: {
    upsertMessageTemplate: isTenantAdmin,
    resetMessageTemplate: isTenantAdmin,
    updateTenantSender: isTenantAdmin,
    retryOutboxMessage: isTenantAdmin,
    setNotificationPreference: isMember,
  },
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

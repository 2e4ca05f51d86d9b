import type { GraphQLDocument, GraphQLResponse, TestApi } from "@medverkan/api/testing";
import { expect } from "vitest";

// Documents and helpers shared by the notification specs.

const ERRORS = "errors { __typename ... on ErrorResult { code message messageSv messageEn } }";
const TEMPLATE_FIELDS = "id kind locale networkId subject body source version legalNotice variables { name description optional }";

export const MESSAGE_TEMPLATES = `query($networkId: ID, $kind: NotificationKind) { messageTemplates(networkId: $networkId, kind: $kind) { ${TEMPLATE_FIELDS} } }`;
export const UPSERT_TEMPLATE = `mutation($input: UpsertMessageTemplateInput!) { upsertMessageTemplate(input: $input) { template { ${TEMPLATE_FIELDS} } ${ERRORS} } }`;
export const RESET_TEMPLATE = `mutation($input: ResetMessageTemplateInput!) { resetMessageTemplate(input: $input) { template { ${TEMPLATE_FIELDS} } ${ERRORS} } }`;
export const PREVIEW = `query($kind: NotificationKind!, $locale: MessageLocale!, $networkId: ID, $subject: String, $body: String) {
  previewMessage(kind: $kind, locale: $locale, networkId: $networkId, subject: $subject, body: $body) { kind locale from replyTo subject text source }
}`;
export const TENANT_SENDER = "query { tenantSender { senderEmail senderName signatureSv signatureEn version } }";
export const UPDATE_SENDER = `mutation($input: UpdateTenantSenderInput!) { updateTenantSender(input: $input) { sender { senderEmail senderName signatureSv signatureEn version } ${ERRORS} } }`;
export const MY_PREFERENCES = "query { myNotificationPreferences { kind title channel canTurnOff } }";
export const SET_PREFERENCE = `mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { preference { kind channel canTurnOff } ${ERRORS} } }`;
export const OUTBOX = `query($status: OutboxMessageStatus, $first: Int) { outboxMessages(status: $status, first: $first) {
  totalCount nodes { id kind recipient locale status attempts lastError sentAt }
} }`;
export const RETRY_OUTBOX = `mutation($input: RetryOutboxMessageInput!) { retryOutboxMessage(input: $input) { message { id status attempts } ${ERRORS} } }`;
export const DEV_OUTBOX =
  "query($first: Int) { devOutbox(first: $first) { totalCount nodes { id kind to recipient status subject text } } }";

export type PayloadErrors = Array<{ __typename: string; code: string; message: string }>;

/** The payload of a mutation, asserting there was no GraphQL error. */
export async function mutate<T>(
  api: TestApi,
  token: string,
  document: GraphQLDocument,
  input: Record<string, unknown>,
  field: string,
  key: string,
) {
  const response = await api.graphql<Record<string, Record<string, unknown>>>(document, { token, variables: { input } });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  const payload = response.data?.[field] as Record<string, unknown>;
  return { value: payload[key] as T | null, errors: payload.errors as PayloadErrors };
}

export const errorCode = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;

export const fieldErrorsOf = (response: GraphQLResponse<unknown>) =>
  ((response.errors?.[0]?.extensions?.fieldErrors as Array<{ field: string; code: string }>) ?? []).map((error) => [
    error.field,
    error.code,
  ]);

export interface Template {
  id: string | null;
  kind: string;
  locale: string;
  networkId: string | null;
  subject: string;
  body: string;
  source: "DEFAULT" | "TENANT" | "NETWORK";
  version: number;
  legalNotice: boolean;
  variables: Array<{ name: string; description: string; optional: boolean }>;
}

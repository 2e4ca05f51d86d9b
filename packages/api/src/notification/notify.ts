import type { Prisma } from "@medverkan/database";
import {
  inboxAudience,
  inboxData,
  isLocale,
  type Locale,
  NOTIFICATION_CATALOGUE,
  type NotificationKind,
  normaliseEmail,
  shouldSend,
  variablesOf,
} from "@medverkan/domain";
import type { Tx } from "../context/tenant-scope.js";
import { findNetworkCoordinatorIds, findUnitRequesterIds, type InboxInsert, insertInboxNotifications } from "./inbox.repository.js";
import { findPreference, hasContactSharingConsent, insertOutboxMessage } from "./notification.repository.js";

/** What an inbox line points at, for the front end to open through the normal queries. */
export type InboxSubject = "REQUEST" | "INVITATION" | "ASSIGNMENT" | "FEE_CLAIM" | "TRAINING_SESSION" | "INTAKE_APPOINTMENT";

export interface NotifyInput {
  kind: NotificationKind;
  tenantId: string;
  /** The e-mail address it goes to. */
  recipient: string | null | undefined;
  /** The member it is to or about: their preferences apply (MEMBER kinds), and erasure finds the row by it. */
  memberId?: string | null;
  /** Picks the network's template and sender details; null for tenant-wide messages. */
  networkId?: string | null;
  /** UNIT kinds: the requesting unit, whose requesters get the in-app line. */
  unitId?: string | null;
  /** What the in-app line points at. */
  subject?: { type: InboxSubject; id: string } | null;
  locale: Locale | string | null | undefined;
  /** Raw values of the kind's variables (see the catalogue); anything else is dropped, not stored. */
  data: Record<string, unknown>;
  /**
   * Unique per tenant and kind: the same key twice is one message (a retried mutation, a scan that runs again).
   * Name the event, not the moment: `invitation:<id>`, `training-reminder:<enrolmentId>:<startsAt>`.
   */
  idempotencyKey: string;
  /**
   * CONTACT_DETAILS_RELEASED only: the member's contact-sharing consent for this request. Checked against the
   * database; without it nothing is written and the caller's transaction fails.
   */
  contactConsent?: { consentId: string; memberId: string; requestId: string };
}

export type NotifyResult = "QUEUED" | "ALREADY_QUEUED" | "TURNED_OFF_BY_MEMBER" | "NO_ADDRESS";

/**
 * Queues an e-mail in the SAME transaction as the change that causes it (the transactional outbox): the message exists
 * if and only if the change committed, and the worker delivers it later. Pass the caller's tenant transaction.
 *
 * Rules kept here so that no caller can forget them: a member's NONE preference suppresses everything but legal
 * notices; a member's personal data reaches a unit only through CONTACT_DETAILS_RELEASED, and only with the
 * member's contact-sharing consent for that very request; the payload holds only the kind's declared variables.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<NotifyResult> {
  const definition = NOTIFICATION_CATALOGUE[input.kind];
  if (definition.requiresContactConsent) {
    const consent = input.contactConsent;
    if (
      !consent ||
      consent.memberId !== input.memberId ||
      !(await hasContactSharingConsent(tx, input.tenantId, consent.consentId, consent.memberId, consent.requestId))
    ) {
      throw new Error(`${input.kind} needs the member's contact-sharing consent for the request; nothing was disclosed.`);
    }
  }
  // The in-app line is written whatever the e-mail preference or address: it is the member's own inbox (a member
  // registered by post has no address at all), and it says nothing personal.
  await writeInbox(tx, input);
  const recipient = input.recipient ? normaliseEmail(input.recipient) : null;
  if (!recipient) return "NO_ADDRESS";

  if (definition.audience === "MEMBER" && input.memberId) {
    const preference = await findPreference(tx, input.tenantId, input.memberId, input.kind);
    if (!shouldSend(input.kind, preference)) return "TURNED_OFF_BY_MEMBER";
  }

  const declared = new Set(variablesOf(input.kind).map((variable) => variable.name));
  const payload = Object.fromEntries(Object.entries(input.data).filter(([name, value]) => declared.has(name) && value !== undefined));
  const written = await insertOutboxMessage(tx, {
    tenantId: input.tenantId,
    kind: input.kind,
    idempotencyKey: `${input.kind}:${input.idempotencyKey}`,
    recipient,
    locale: isLocale(input.locale) ? input.locale : "sv",
    payload: JSON.parse(JSON.stringify(payload)) as Prisma.InputJsonValue,
    memberId: input.memberId ?? null,
    networkId: input.networkId ?? null,
  });
  return written ? "QUEUED" : "ALREADY_QUEUED";
}

/**
 * The in-app inbox beside the e-mail, in the same transaction: one row for the member it is to, or for each staff user
 * behind the mailbox (the network's coordinators, the unit's requesters). Only the kind's non-personal variables are
 * kept (`inboxData`); the same event lands once per recipient.
 */
async function writeInbox(tx: Tx, input: NotifyInput): Promise<void> {
  const audience = inboxAudience(input.kind);
  if (!audience) return;
  const data = inboxData(input.kind, input.data);
  const base = {
    tenantId: input.tenantId,
    kind: input.kind,
    subjectType: input.subject?.type ?? null,
    subjectId: input.subject?.id ?? null,
    data,
  };
  const key = (recipient: string) => `${input.kind}:${input.idempotencyKey}:${recipient}`;
  let rows: InboxInsert[] = [];
  if (audience === "MEMBER") {
    if (!input.memberId) return;
    rows = [
      {
        ...base,
        recipientMemberId: input.memberId,
        recipientStaffUserId: null,
        networkId: input.networkId ?? null,
        unitId: null,
        idempotencyKey: key(input.memberId),
      },
    ];
  } else if (audience === "NETWORK_COORDINATORS") {
    const networkId = input.networkId;
    if (!networkId) return;
    rows = (await findNetworkCoordinatorIds(tx, input.tenantId, networkId)).map((staffUserId) => ({
      ...base,
      recipientMemberId: null,
      recipientStaffUserId: staffUserId,
      networkId,
      unitId: null,
      idempotencyKey: key(staffUserId),
    }));
  } else {
    const unitId = input.unitId;
    if (!unitId) return;
    rows = (await findUnitRequesterIds(tx, input.tenantId, unitId)).map((staffUserId) => ({
      ...base,
      recipientMemberId: null,
      recipientStaffUserId: staffUserId,
      networkId: null,
      unitId,
      idempotencyKey: key(staffUserId),
    }));
  }
  await insertInboxNotifications(tx, rows);
}

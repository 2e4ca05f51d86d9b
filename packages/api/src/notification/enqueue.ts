import { type IntakeAppointmentStatus, isOpenAppointment, isReminderDue } from "@medverkan/domain";
import type { AuditWriter } from "../audit/audit-writer.js";
import type { Tx } from "../context/tenant-scope.js";
import { findAppointment, findAppointmentsStartingBetween, findReminderSettings, markReminded } from "../intake/appointment.repository.js";
import { bankAccountRequested } from "../payroll-details/payroll-details.repository.js";
import {
  findAssignmentForMessage,
  findCarriedOutAssignmentIds,
  findClaimIdsOfPayrollExport,
  findEnrolmentsStartingTomorrow,
  findEnrolmentWithSession,
  findFeeClaimForMessage,
  findGuardians,
  findInvitationForMessage,
  findMemberContact,
  findNetwork,
  findOccasionParticipantsTomorrow,
  findTenantLocale,
  hasContactSharingConsent,
  redactDeliveredMessages,
} from "./notification.repository.js";
import { type NotifyResult, notify } from "./notify.js";

// One function per event that sends e-mail. Each takes the caller's tenant transaction and ids, reads what its
// message needs, and queues it through `notify` — so the message commits or rolls back with the change. Call them
// after the change is written, in the same transaction. Idempotency keys name the event, so calling twice is harmless.

/** Erased members get nothing; restricted ones (GDPR art. 18: stored, not used) get nothing either. */
const reachable = (member: { erasedAt: Date | null; restrictedAt: Date | null }) =>
  member.erasedAt === null && member.restrictedAt === null;

const fullName = (member: { givenName: string; familyName: string }) => `${member.givenName} ${member.familyName}`.trim();

type RequestSummary = NonNullable<Awaited<ReturnType<typeof findInvitationForMessage>>>["request"];

const occasionsOf = (request: RequestSummary) =>
  request.occasions.map((occasion) => ({
    // The id names the occasion in the calendar file attached to the message (document/calendar.ts).
    id: occasion.id,
    startsAt: occasion.startsAt.toISOString(),
    endsAt: occasion.endsAt.toISOString(),
    place: occasion.place,
    digitalLink: occasion.digitalLink,
  }));

/** "Äldreomsorgen, Kalmar kommun"; a unit already named after its organisation keeps its name. */
const unitNameOf = (request: RequestSummary) =>
  request.unit.name.includes(request.unit.organisation.name)
    ? request.unit.name
    : `${request.unit.name}, ${request.unit.organisation.name}`;

/** The staff language of the tenant (its mailbox is read by its coordinators). */
async function tenantLanguage(tx: Tx, tenantId: string) {
  const tenant = await findTenantLocale(tx, tenantId);
  return tenant?.locale.toLowerCase().startsWith("en") ? "en" : "sv";
}

/**
 * A registration was stored (public form, postal or phone entry): a receipt to the person for each network joined,
 * a notice without personal data to the network's mailbox, and a request for consent to each guardian of a minor
 * whose membership waits for it. Call from the registration path after the memberships are written.
 */
export async function enqueueRegistrationNotices(
  tx: Tx,
  input: {
    tenantId: string;
    memberId: string;
    joined: ReadonlyArray<{ networkId: string; status: string }>;
    receivedAt: Date;
  },
): Promise<void> {
  const member = await findMemberContact(tx, input.tenantId, input.memberId);
  if (!member || input.joined.length === 0) return;
  const staffLocale = await tenantLanguage(tx, input.tenantId);
  const guardians = input.joined.some((entry) => entry.status === "PENDING_GUARDIAN_CONSENT")
    ? await findGuardians(tx, input.tenantId, input.memberId)
    : [];
  for (const { networkId, status } of input.joined) {
    const network = await findNetwork(tx, input.tenantId, networkId);
    if (!network) continue;
    const key = `${input.memberId}:${networkId}`;
    await notify(tx, {
      kind: "REGISTRATION_RECEIVED",
      tenantId: input.tenantId,
      recipient: member.email,
      memberId: member.id,
      networkId,
      locale: member.preferredLocale,
      data: { recipientName: member.givenName },
      idempotencyKey: key,
    });
    await notify(tx, {
      kind: "REGISTRATION_QUEUED",
      tenantId: input.tenantId,
      recipient: network.contactEmail,
      // Not personal in content, but about this person: erasure removes it with the rest.
      memberId: member.id,
      networkId,
      locale: staffLocale,
      data: { receivedAt: input.receivedAt.toISOString() },
      idempotencyKey: key,
    });
    if (status !== "PENDING_GUARDIAN_CONSENT") continue;
    for (const guardian of guardians) {
      await notify(tx, {
        kind: "GUARDIAN_CONSENT_NEEDED",
        tenantId: input.tenantId,
        recipient: guardian.email,
        memberId: member.id,
        networkId,
        locale: member.preferredLocale,
        data: { recipientName: guardian.name, memberGivenName: member.givenName },
        idempotencyKey: `${guardian.id}:${networkId}`,
      });
    }
  }
}

/** A member got a place in an introduction session (enrolled, or moved up from the waiting list). */
export async function enqueueIntroductionBooked(tx: Tx, input: { tenantId: string; enrolmentId: string }): Promise<NotifyResult | null> {
  const enrolment = await findEnrolmentWithSession(tx, input.tenantId, input.enrolmentId);
  if (enrolment?.status !== "ENROLLED" || enrolment.session.cancelledAt) return null;
  return notifyAboutSession(tx, input.tenantId, enrolment, "INTRODUCTION_BOOKED", enrolment.enrolledAt.toISOString());
}

async function notifyAboutSession(
  tx: Tx,
  tenantId: string,
  enrolment: NonNullable<Awaited<ReturnType<typeof findEnrolmentWithSession>>>,
  kind: "INTRODUCTION_BOOKED" | "INTRODUCTION_REMINDER",
  occurrence: string,
): Promise<NotifyResult | null> {
  const member = await findMemberContact(tx, tenantId, enrolment.memberId);
  if (!member || !reachable(member)) return null;
  const { session } = enrolment;
  return notify(tx, {
    kind,
    tenantId,
    recipient: member.email,
    memberId: member.id,
    networkId: session.networkId,
    subject: { type: "TRAINING_SESSION", id: session.id },
    locale: member.preferredLocale,
    data: {
      recipientName: member.givenName,
      sessionId: session.id,
      sessionTitle: session.title,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      place: session.place,
      digitalLink: session.digitalLink,
    },
    // A moved session or a new enrolment is a new event; the same one twice is not.
    idempotencyKey: `${enrolment.id}:${session.startsAt.toISOString()}:${occurrence}`,
  });
}

/** Reminder scan: every ENROLLED place in a session that starts tomorrow (tenant time) gets one reminder. */
export async function scanIntroductionReminders(tx: Tx, tenantId: string): Promise<number> {
  let queued = 0;
  for (const { id } of await findEnrolmentsStartingTomorrow(tx, tenantId)) {
    const enrolment = await findEnrolmentWithSession(tx, tenantId, id);
    if (!enrolment) continue;
    if ((await notifyAboutSession(tx, tenantId, enrolment, "INTRODUCTION_REMINDER", "day-before")) === "QUEUED") queued++;
  }
  return queued;
}

/** Reminder scan: each confirmed participant of an occasion that starts tomorrow (tenant time). */
export async function scanOccasionReminders(tx: Tx, tenantId: string): Promise<number> {
  let queued = 0;
  for (const { assignmentId, occasionId } of await findOccasionParticipantsTomorrow(tx, tenantId)) {
    const assignment = await findAssignmentForMessage(tx, tenantId, assignmentId);
    const occasion = assignment?.request.occasions.find((candidate) => candidate.id === occasionId);
    if (!assignment || !occasion) continue;
    const member = await findMemberContact(tx, tenantId, assignment.memberId);
    if (!member || !reachable(member)) continue;
    const result = await notify(tx, {
      kind: "OCCASION_REMINDER",
      tenantId,
      recipient: member.email,
      memberId: member.id,
      networkId: assignment.request.networkId,
      subject: { type: "ASSIGNMENT", id: assignment.id },
      locale: member.preferredLocale,
      data: {
        recipientName: member.givenName,
        requestTitle: assignment.request.title,
        startsAt: occasion.startsAt.toISOString(),
        place: occasion.place,
        digitalLink: occasion.digitalLink,
      },
      idempotencyKey: `${assignment.id}:${occasion.id}:${occasion.startsAt.toISOString()}`,
    });
    if (result === "QUEUED") queued++;
  }
  return queued;
}

/**
 * A coordinator invited a member to a request. The links are paths the front end serves (made absolute with the
 * configured front-end address when the message is rendered); the front end answers through the invitation API.
 */
export async function enqueueInvitation(tx: Tx, input: { tenantId: string; invitationId: string }): Promise<NotifyResult | null> {
  const invitation = await findInvitationForMessage(tx, input.tenantId, input.invitationId);
  if (invitation?.status !== "PENDING") return null;
  const member = await findMemberContact(tx, input.tenantId, invitation.memberId);
  if (!member || !reachable(member)) return null;
  const { request } = invitation;
  return notify(tx, {
    kind: "INVITATION",
    tenantId: input.tenantId,
    recipient: member.email,
    memberId: member.id,
    networkId: request.networkId,
    subject: { type: "INVITATION", id: invitation.id },
    locale: member.preferredLocale,
    data: {
      recipientName: member.givenName,
      requestTitle: request.title,
      purpose: request.purpose,
      occasions: occasionsOf(request),
      coordinatorMessage: invitation.message,
      expiresAt: invitation.expiresAt.toISOString(),
      acceptUrl: `/invitations/${invitation.id}?answer=accept`,
      declineUrl: `/invitations/${invitation.id}?answer=decline`,
      // Issue 21: where the region pays to a registered account, a member without one is asked to register it.
      bankAccountUrl: (await bankAccountRequested(tx, input.tenantId, member.id)) ? "/my#bank-account" : null,
    },
    // An invitation asked again (after it expired) is a new message.
    idempotencyKey: `${invitation.id}:${invitation.invitedAt.toISOString()}`,
  });
}

/** A member accepted or declined: the network's coordinators hear of it. Call after the answer is written. */
export async function enqueueInvitationAnswered(tx: Tx, input: { tenantId: string; invitationId: string }): Promise<NotifyResult | null> {
  const invitation = await findInvitationForMessage(tx, input.tenantId, input.invitationId);
  if (!invitation || !["ACCEPTED", "DECLINED", "WAITLISTED"].includes(invitation.status)) return null;
  const [member, network] = await Promise.all([
    findMemberContact(tx, input.tenantId, invitation.memberId),
    findNetwork(tx, input.tenantId, invitation.request.networkId),
  ]);
  if (!member || !network) return null;
  const answer = invitation.status === "DECLINED" ? "DECLINED" : "ACCEPTED";
  return notify(tx, {
    kind: "INVITATION_ANSWERED",
    tenantId: input.tenantId,
    recipient: network.contactEmail,
    memberId: member.id,
    networkId: network.id,
    subject: { type: "INVITATION", id: invitation.id },
    locale: await tenantLanguage(tx, input.tenantId),
    data: { memberName: fullName(member), requestTitle: invitation.request.title, answer, declineReason: invitation.declineReason },
    idempotencyKey: `${invitation.id}:${answer}:${invitation.respondedAt?.toISOString() ?? ""}`,
  });
}

/**
 * The coordinator released an accepting member's contact details (seeds/003 2c–2d): the request with the
 * participant's contact details to the unit's contact person, and — the "blind copy" — the assignment description to
 * the participant. Refused (the transaction fails) unless the invitation carries the member's contact-sharing
 * consent for this request. Call from the release path only, after the release is recorded.
 */
export async function enqueueContactRelease(tx: Tx, input: { tenantId: string; invitationId: string }, audit: AuditWriter): Promise<void> {
  const invitation = await findInvitationForMessage(tx, input.tenantId, input.invitationId);
  if (!invitation) throw new Error("Contact release of an unknown invitation");
  if (invitation.status !== "ACCEPTED" || !invitation.contactReleasedAt) {
    throw new Error("Contact details are released only for an accepted invitation with consent; nothing was disclosed.");
  }
  const { request } = invitation;
  // A member who withdrew their consent (say, while on the waiting list) is not disclosed when their place comes:
  // nothing is sent, and the caller's change goes on.
  const consentId = invitation.contactConsentId;
  if (!consentId || !(await hasContactSharingConsent(tx, input.tenantId, consentId, invitation.memberId, request.id))) return;
  const member = await findMemberContact(tx, input.tenantId, invitation.memberId);
  if (!member || !reachable(member)) return;
  const occasions = occasionsOf(request);
  const released = await notify(tx, {
    kind: "CONTACT_DETAILS_RELEASED",
    tenantId: input.tenantId,
    recipient: request.contactEmail,
    memberId: member.id,
    networkId: request.networkId,
    unitId: request.unitId,
    subject: { type: "REQUEST", id: request.id },
    locale: await tenantLanguage(tx, input.tenantId),
    data: {
      recipientName: request.contactName,
      requestTitle: request.title,
      participantName: fullName(member),
      participantEmail: member.email,
      participantPhone: member.phone,
      occasions,
    },
    // One release per consent: accepting again after a withdrawal is a new disclosure.
    idempotencyKey: `${invitation.id}:${invitation.contactConsentId ?? ""}`,
    contactConsent: { consentId, memberId: member.id, requestId: request.id },
  });
  if (released === "QUEUED") {
    // The e-mail is a disclosure of its own, beside the unit's reads in the API (SECURITY.md: every disclosure audited).
    await audit.record(tx, input.tenantId, {
      action: "DISCLOSE",
      subjectType: "Member",
      subjectId: member.id,
      memberId: member.id,
      purpose: "contact details e-mailed to the requesting unit",
      details: { requestId: request.id, invitationId: invitation.id, recipient: request.contactEmail },
    });
  }
  await notify(tx, {
    kind: "ASSIGNMENT_DESCRIPTION",
    tenantId: input.tenantId,
    recipient: member.email,
    memberId: member.id,
    networkId: request.networkId,
    subject: { type: "INVITATION", id: invitation.id },
    locale: member.preferredLocale,
    data: {
      recipientName: member.givenName,
      requestTitle: request.title,
      purpose: request.purpose,
      expectations: request.expectations,
      unitName: unitNameOf(request),
      unitContactName: request.contactName,
      unitContactEmail: request.contactEmail,
      unitContactPhone: request.contactPhone,
      occasions,
      preparation: request.preparation,
      compensationOffered: request.compensationOffered,
    },
    idempotencyKey: `${invitation.id}:${invitation.contactConsentId ?? ""}`,
  });
}

/** After the assignment was carried out: the participant is asked how it went (seeds/003 step 5). */
export async function enqueueFeedbackRequested(tx: Tx, input: { tenantId: string; assignmentId: string }): Promise<NotifyResult | null> {
  const assignment = await findAssignmentForMessage(tx, input.tenantId, input.assignmentId);
  if (!assignment || assignment.status === "CANCELLED") return null;
  const member = await findMemberContact(tx, input.tenantId, assignment.memberId);
  if (!member || !reachable(member)) return null;
  return notify(tx, {
    kind: "FEEDBACK_REQUESTED",
    tenantId: input.tenantId,
    recipient: member.email,
    memberId: member.id,
    networkId: assignment.request.networkId,
    subject: { type: "ASSIGNMENT", id: assignment.id },
    locale: member.preferredLocale,
    data: {
      recipientName: member.givenName,
      requestTitle: assignment.request.title,
      feedbackUrl: `/assignments/${assignment.id}/feedback`,
    },
    idempotencyKey: assignment.id,
  });
}

/** The request was carried out: every participant is asked for feedback. */
export async function enqueueFeedbackRequestsForRequest(tx: Tx, input: { tenantId: string; requestId: string }): Promise<void> {
  for (const { id } of await findCarriedOutAssignmentIds(tx, input.tenantId, input.requestId)) {
    await enqueueFeedbackRequested(tx, { tenantId: input.tenantId, assignmentId: id });
  }
}

/**
 * A fee claim moved to a status the participant should hear of: attested, sent to payroll, paid or rejected (not their
 * own submission, nor drafts). Call after every status change; other statuses queue nothing.
 */
export async function enqueueFeeClaimStatusChanged(tx: Tx, input: { tenantId: string; feeClaimId: string }): Promise<NotifyResult | null> {
  const claim = await findFeeClaimForMessage(tx, input.tenantId, input.feeClaimId);
  if (!claim || !["ATTESTED", "SENT_TO_PAYROLL", "PAID", "REJECTED"].includes(claim.status)) return null;
  const member = await findMemberContact(tx, input.tenantId, claim.memberId);
  if (!member || !reachable(member)) return null;
  return notify(tx, {
    kind: "FEE_CLAIM_STATUS_CHANGED",
    tenantId: input.tenantId,
    recipient: member.email,
    memberId: member.id,
    networkId: claim.assignment.request.networkId,
    subject: { type: "FEE_CLAIM", id: claim.id },
    locale: member.preferredLocale,
    data: {
      recipientName: member.givenName,
      requestTitle: claim.assignment.request.title,
      occasionDate: claim.occasionDate.toISOString().slice(0, 10),
      status: claim.status,
      netAmount: claim.netOre,
      rejectionReason: claim.rejectionReason,
    },
    idempotencyKey: `${claim.id}:${claim.status}:${claim.version}`,
  });
}

/** Every claim of a payroll export after it was sent to payroll or paid: each participant hears of their own claim. */
export async function enqueuePayrollExportClaims(tx: Tx, input: { tenantId: string; payrollExportId: string }): Promise<void> {
  for (const { id } of await findClaimIdsOfPayrollExport(tx, input.tenantId, input.payrollExportId)) {
    await enqueueFeeClaimStatusChanged(tx, { tenantId: input.tenantId, feeClaimId: id });
  }
}

/** Delivered messages are kept this long with their content (for support questions), then redacted. */
export const DELIVERED_CONTENT_RETENTION_DAYS = 30;

/** Maintenance scan: content of messages delivered long ago is removed (seeds/003: mailbox copies are deleted soon). */
export function redactOldDeliveredMessages(tx: Tx, tenantId: string): Promise<number> {
  return redactDeliveredMessages(tx, tenantId, DELIVERED_CONTENT_RETENTION_DAYS).then(() => 0);
}

/**
 * An intake appointment's e-mail to its member (booked, moved, or the reminder), with the calendar file attached
 * (document/calendar-attachment.ts, by the appointment's id). The key names the appointment's time, so a new time is
 * a new message and the same one twice is not.
 */
export async function enqueueIntakeAppointmentMessage(
  tx: Tx,
  input: {
    tenantId: string;
    appointmentId: string;
    kind: "INTAKE_APPOINTMENT_BOOKED" | "INTAKE_APPOINTMENT_RESCHEDULED" | "INTAKE_APPOINTMENT_REMINDER";
    previousStartsAt?: Date;
  },
): Promise<NotifyResult | null> {
  const appointment = await findAppointment(tx, input.tenantId, input.appointmentId);
  if (!appointment || !isOpenAppointment(appointment.status)) return null;
  const member = await findMemberContact(tx, input.tenantId, appointment.membership.memberId);
  if (!member || !reachable(member)) return null;
  return notify(tx, {
    kind: input.kind,
    tenantId: input.tenantId,
    recipient: member.email,
    memberId: member.id,
    networkId: appointment.membership.networkId,
    subject: { type: "INTAKE_APPOINTMENT", id: appointment.id },
    locale: member.preferredLocale,
    data: {
      recipientName: member.givenName,
      appointmentId: appointment.id,
      startsAt: appointment.startsAt.toISOString(),
      endsAt: appointment.endsAt?.toISOString(),
      place: appointment.place,
      digitalLink: appointment.digitalLink,
      previousStartsAt: input.previousStartsAt?.toISOString(),
    },
    idempotencyKey: `${appointment.id}:${appointment.startsAt.toISOString()}`,
  });
}

/** The widest look-ahead the reminder scan needs: a day-before reminder is due up to 48 hours ahead. */
const DAY_BEFORE_LOOKAHEAD_HOURS = 49;

/**
 * Reminder scan: each intake appointment whose reminder is due (the domain's isReminderDue: the tenant's hours
 * before, or its day before) gets one, marked on the row for its current time, so neither a second scan nor a second
 * worker sends it again; a cancelled, held or missed appointment gets none.
 */
export async function scanIntakeAppointmentReminders(tx: Tx, tenantId: string, now: Date = new Date()): Promise<number> {
  const settings = await findReminderSettings(tx, tenantId);
  if (!settings) return 0;
  const hours = settings.intakeReminderHoursBefore;
  const lookahead = Math.max(hours ?? 0, DAY_BEFORE_LOOKAHEAD_HOURS) * 60 * 60 * 1000;
  let queued = 0;
  for (const appointment of await findAppointmentsStartingBetween(tx, tenantId, now, new Date(now.getTime() + lookahead))) {
    const state = { ...appointment, status: appointment.status as IntakeAppointmentStatus };
    if (!isReminderDue(state, now, hours, settings.timeZone)) continue;
    if (!(await markReminded(tx, tenantId, appointment.id, appointment.startsAt))) continue;
    const result = await enqueueIntakeAppointmentMessage(tx, {
      tenantId,
      appointmentId: appointment.id,
      kind: "INTAKE_APPOINTMENT_REMINDER",
    });
    if (result === "QUEUED") queued++;
  }
  return queued;
}

/** The scans the worker runs periodically. */
export const REMINDER_SCANS = [
  scanIntroductionReminders,
  scanOccasionReminders,
  (tx: Tx, tenantId: string) => scanIntakeAppointmentReminders(tx, tenantId),
  redactOldDeliveredMessages,
] as const;

import {
  type DataSubjectRequestKind,
  db,
  execute,
  type MembershipStatus,
  type Prisma,
  type PrismaClient,
  type RegistrationChannel,
  rows,
  sql,
} from "@medverkan/database";
import type { AnonymisedMemberFields } from "@medverkan/domain";
import type { PageRequest } from "../common/pagination/connection.js";
import { pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";
import type { NetworkVisibility } from "../member/member.repository.js";
import { processingAllowedWhere } from "./processing-allowed.js";

/** The member a privacy action is about, if the reader may see them at all: not erased, in a visible network. */
export function findSubjectMember(tx: Tx, tenantId: string, memberId: string, networks: NetworkVisibility) {
  return tx.member.findFirst({
    where: {
      tenantId,
      id: memberId,
      erasedAt: null,
      ...(networks === "ALL" ? {} : { memberships: { some: { networkId: { in: networks } } } }),
    },
    select: { id: true, birthDate: true, birthYear: true, restrictedAt: true, erasedAt: true, version: true },
  });
}

export type SubjectMember = NonNullable<Awaited<ReturnType<typeof findSubjectMember>>>;

/** Everything held about one member, for an export: the member row and every row that names them. */
export async function findEverythingAboutMember(tx: Tx, tenantId: string, memberId: string) {
  const member = await tx.member.findFirst({
    where: { tenantId, id: memberId },
    include: {
      experiences: { select: { tag: { select: { key: true, labelSv: true, labelEn: true } } } },
      pauses: { orderBy: { startsOn: "asc" } },
      revisions: { orderBy: { at: "asc" } },
      guardians: { orderBy: { createdAt: "asc" } },
      representations: { orderBy: { createdAt: "asc" }, include: { organisation: { select: { name: true } } } },
      memberships: {
        orderBy: { registeredAt: "asc" },
        include: {
          network: { select: { slug: true, name: true } },
          events: { orderBy: { at: "asc" } },
          intakeAppointments: { orderBy: [{ startsAt: "asc" }, { id: "asc" }] },
          followUps: { orderBy: [{ contactedOn: "asc" }, { recordedAt: "asc" }] },
        },
      },
      consents: {
        orderBy: { givenAt: "asc" },
        include: { consentText: { select: { kind: true, version: true, textSv: true, textEn: true } } },
      },
      trainingEnrolments: {
        orderBy: { enrolledAt: "asc" },
        include: { session: { select: { title: true, startsAt: true, endsAt: true, format: true, place: true } } },
      },
      invitations: {
        orderBy: { invitedAt: "asc" },
        include: { request: { select: { title: true, unit: { select: { name: true } } } } },
      },
      assignments: {
        orderBy: { createdAt: "asc" },
        include: {
          attendances: { include: { occasion: { select: { startsAt: true, endsAt: true, place: true } } } },
          feedback: { select: { author: true, rating: true, comment: true, createdAt: true, authorId: true } },
        },
      },
      feeClaims: { orderBy: { occasionDate: "asc" }, include: { expenses: true } },
      notificationPrefs: true,
    },
  });
  if (!member) return null;
  const [feedbackGiven, notifications, requests, accesses] = await Promise.all([
    tx.feedback.findMany({ where: { tenantId, author: "PARTICIPANT", authorId: memberId }, orderBy: { createdAt: "asc" } }),
    tx.outboxMessage.findMany({
      where: { tenantId, memberId },
      orderBy: { createdAt: "asc" },
      select: { kind: true, recipient: true, locale: true, payload: true, status: true, createdAt: true, sentAt: true },
    }),
    tx.dataSubjectRequest.findMany({ where: { tenantId, memberId }, orderBy: { receivedAt: "asc" } }),
    tx.auditEvent.findMany({
      where: { tenantId, memberId },
      orderBy: { at: "asc" },
      select: { at: true, action: true, actorType: true, actorRole: true, actorUnitId: true, subjectType: true, purpose: true },
    }),
  ]);
  const unitIds = [...new Set(accesses.map((event) => event.actorUnitId).filter((id): id is string => id !== null))];
  const units =
    unitIds.length > 0 ? await tx.unit.findMany({ where: { tenantId, id: { in: unitIds } }, select: { id: true, name: true } }) : [];
  return { member, feedbackGiven, notifications, requests, accesses, unitNames: new Map(units.map((unit) => [unit.id, unit.name])) };
}

/** Read inside the tenant transaction: the embedded database has one connection, held by the transaction. */
export function findTenantName(tx: Tx, tenantId: string) {
  return tx.tenant.findFirst({ where: { id: tenantId }, select: { slug: true, name: true } });
}

export type EverythingAboutMember = NonNullable<Awaited<ReturnType<typeof findEverythingAboutMember>>>;

export function setRestriction(tx: Tx, tenantId: string, memberId: string, restrictedAt: Date | null) {
  return tx.member.updateMany({
    where: { tenantId, id: memberId, erasedAt: null },
    data: { restrictedAt, version: { increment: 1 } },
  });
}

/**
 * Erasure in one transaction: the member row anonymised and every row naming them cleared of personal data, with
 * the facts statistics count left in place (see @medverkan/domain privacy/erasure for what stays and why).
 */
export async function eraseMemberData(
  tx: Tx,
  tenantId: string,
  memberId: string,
  anonymised: AnonymisedMemberFields,
  erasedAt: Date,
  actor: { actorType: "STAFF" | "MEMBER" | "SYSTEM"; actorId: string | null },
): Promise<void> {
  await tx.member.update({
    where: { tenantId_id: { tenantId, id: memberId } },
    data: {
      ...anonymised,
      competences: [...anonymised.competences],
      languages: [...anonymised.languages],
      personalIdentityNumberEncrypted: null,
      personalIdentityNumberIndex: null,
      personalIdentityNumberMasked: null,
      // Issue 21: the payroll references go with the person (paid claims keep their amounts for the books).
      employeeNumber: null,
      bankAccountEncrypted: null,
      bankAccountMasked: null,
      erasedAt,
      version: { increment: 1 },
    },
  });
  await tx.memberExperience.deleteMany({ where: { tenantId, memberId } });
  await tx.memberPause.deleteMany({ where: { tenantId, memberId } });
  await tx.memberRevision.updateMany({ where: { tenantId, memberId }, data: { changes: [] } });
  // Consents stay as proof of a lawful basis; their link to a guardian goes with the guardian.
  await tx.consent.updateMany({ where: { tenantId, memberId, guardianId: { not: null } }, data: { guardianId: null } });
  await tx.guardian.deleteMany({ where: { tenantId, memberId } });
  await tx.duplicateCandidate.deleteMany({ where: { tenantId, OR: [{ memberId }, { existingMemberId: memberId }] } });
  await tx.notificationPreference.deleteMany({ where: { tenantId, memberId } });
  // The mandate to represent an organisation is personal data: nothing of it remains (issue 21 item 4).
  await tx.organisationRepresentation.deleteMany({ where: { tenantId, memberId } });

  const memberships = await tx.membership.findMany({ where: { tenantId, memberId }, select: { id: true, status: true } });
  for (const membership of memberships) {
    await tx.membershipEvent.updateMany({ where: { tenantId, membershipId: membership.id }, data: { note: null } });
    // Intake appointments keep their dates and outcome (intake statistics count them); the coordinator's words and the
    // places and links that could point at the person go. The follow-up log is notes about the person: it goes.
    await tx.intakeAppointment.updateMany({
      where: { tenantId, membershipId: membership.id },
      data: { note: null, place: null, digitalLink: null, previousTimes: [] },
    });
    await tx.membershipFollowUp.deleteMany({ where: { tenantId, membershipId: membership.id } });
    if (membership.status === "ERASED") continue;
    await tx.membership.update({
      where: { tenantId_id: { tenantId, id: membership.id } },
      data: { status: "ERASED", statusChangedAt: erasedAt, version: { increment: 1 } },
    });
    await tx.membershipEvent.create({
      data: {
        tenantId,
        membershipId: membership.id,
        fromStatus: membership.status as MembershipStatus,
        toStatus: "ERASED",
        actorType: actor.actorType,
        actorId: actor.actorId,
        at: erasedAt,
      },
    });
  }
  await tx.membership.updateMany({ where: { tenantId, memberId, withdrawnAt: null }, data: { withdrawnAt: erasedAt } });
  // Answers to the region's registration questions are the person's own words.
  await tx.membership.updateMany({ where: { tenantId, memberId }, data: { registrationAnswers: [] } });

  await tx.invitation.updateMany({ where: { tenantId, memberId }, data: { message: null, declineReason: null } });
  await tx.assignment.updateMany({ where: { tenantId, memberId }, data: { cancellationReason: null, agreementScope: null } });
  const assignmentIds = (await tx.assignment.findMany({ where: { tenantId, memberId }, select: { id: true } })).map((row) => row.id);
  await tx.feedback.updateMany({
    where: { tenantId, OR: [{ author: "PARTICIPANT", authorId: memberId }, { assignmentId: { in: assignmentIds } }] },
    data: { comment: null },
  });
  await tx.feeClaim.updateMany({ where: { tenantId, memberId }, data: { rejectionReason: null } });
  // A direct booking naming the person: what the unit typed goes, and one still pending can no longer be confirmed.
  await tx.directBookingParticipant.updateMany({
    where: { tenantId, memberId, status: "PENDING" },
    data: { status: "REJECTED", decidedAt: erasedAt },
  });
  await tx.directBookingParticipant.updateMany({
    where: { tenantId, memberId },
    data: { familyName: null, email: null, phone: null, memberId: null },
  });
  await tx.feeClaimExpense.updateMany({ where: { tenantId, feeClaim: { memberId } }, data: { description: "" } });

  // Notifications: the row stays (its idempotency key keeps a retried send from going out), the person goes; what
  // was not yet sent never will be.
  await tx.outboxMessage.updateMany({
    where: { tenantId, memberId, status: { in: ["PENDING", "SENDING", "FAILED"] } },
    data: { status: "FAILED", lastError: "recipient erased", recipient: "", payload: {}, lockedBy: null, lockedUntil: null },
  });
  await tx.outboxMessage.updateMany({ where: { tenantId, memberId, status: "SENT" }, data: { recipient: "", payload: {} } });
  // The member's in-app inbox goes with them (staff lines about them hold no personal data).
  await tx.inboxNotification.deleteMany({ where: { tenantId, recipientMemberId: memberId } });

  await execute(tx, db.updateTable("AuditEvent").set({ details: null }).where("tenantId", "=", tenantId).where("memberId", "=", memberId));
  await tx.dataSubjectRequest.updateMany({ where: { tenantId, memberId }, data: { note: null } });
  // A stored answer to a retried create may name the person; the client's retry window is long over for anyone erased.
  await execute(
    tx,
    db
      .deleteFrom("IdempotencyRecord")
      .where("tenantId", "=", tenantId)
      .where(sql<string>`${sql.ref("result")}::text`, "like", `%${memberId}%`),
  );
  // The person's download links (issue 17) open nothing once they are erased; none is kept.
  await tx.downloadLink.deleteMany({ where: { tenantId, memberId } });
}

export function insertDataSubjectRequest(
  tx: Tx,
  data: {
    tenantId: string;
    memberId: string;
    kind: DataSubjectRequestKind;
    channel: RegistrationChannel;
    receivedAt: Date;
    dueAt: Date;
    completedAt: Date | null;
    note: string | null;
  },
) {
  return tx.dataSubjectRequest.create({ data });
}

export type DataSubjectRequestRow = Awaited<ReturnType<typeof insertDataSubjectRequest>>;

export function findDataSubjectRequest(tx: Tx, tenantId: string, id: string) {
  return tx.dataSubjectRequest.findFirst({ where: { tenantId, id } });
}

export function completeDataSubjectRequestRow(tx: Tx, tenantId: string, id: string, completedAt: Date, note: string | null | undefined) {
  return tx.dataSubjectRequest.updateMany({
    where: { tenantId, id, completedAt: null },
    data: { completedAt, ...(note !== undefined ? { note } : {}) },
  });
}

export interface DataSubjectRequestCriteria {
  memberIds: "ALL" | string[];
  open?: boolean | null;
  /** true: open and past the deadline at `now`; false: anything else. */
  overdue?: boolean | null;
  now: Date;
  memberId?: string | null;
  kind?: DataSubjectRequestKind | null;
}

export async function listDataSubjectRequests(tx: Tx, tenantId: string, criteria: DataSubjectRequestCriteria, page: PageRequest) {
  const and: Prisma.DataSubjectRequestWhereInput[] = [];
  if (criteria.memberIds !== "ALL") and.push({ memberId: { in: criteria.memberIds } });
  if (criteria.memberId) and.push({ memberId: criteria.memberId });
  if (criteria.kind) and.push({ kind: criteria.kind });
  if (criteria.open === true) and.push({ completedAt: null });
  if (criteria.open === false) and.push({ completedAt: { not: null } });
  if (criteria.overdue === true) and.push({ completedAt: null, dueAt: { lt: criteria.now } });
  if (criteria.overdue === false) and.push({ OR: [{ completedAt: { not: null } }, { dueAt: { gte: criteria.now } }] });
  const where: Prisma.DataSubjectRequestWhereInput = { tenantId, AND: and };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.dataSubjectRequest.findMany({ ...query, where: { AND: [where, query.where ?? {}] } }),
    tx.dataSubjectRequest.count({ where }),
  ]);
  return { rows, total };
}

/** Of the given members, those whose processing is restricted or who are erased: a feature refuses to act on them. */
export async function findMembersNotToProcess(tx: Tx, tenantId: string, memberIds: readonly string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const rows = await tx.member.findMany({
    where: { tenantId, id: { in: [...memberIds] }, NOT: processingAllowedWhere },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}

/** Platform-level: the tenants that set a retention period. */
export function findTenantsWithRetention(system: PrismaClient) {
  return system.tenant.findMany({
    where: { retiredAt: null, memberRetentionMonths: { not: null } },
    select: { id: true, slug: true, memberRetentionMonths: true },
    orderBy: { slug: "asc" },
  });
}

const UNPAID_FEE_CLAIM_STATUSES = ["DRAFT", "SUBMITTED", "ATTESTED", "SENT_TO_PAYROLL"] as const;

/** Members not active since `cutoff` by their own last activity, with what else decides their retention. */
export function findRetentionCandidates(tx: Tx, tenantId: string, cutoff: Date, now: Date) {
  return tx.member.findMany({
    where: { tenantId, erasedAt: null, lastActiveAt: { lt: cutoff } },
    select: {
      id: true,
      birthDate: true,
      birthYear: true,
      erasedAt: true,
      lastActiveAt: true,
      memberships: { select: { statusChangedAt: true, lastInvitedAt: true, lastAssignmentAt: true } },
      _count: {
        select: {
          feeClaims: { where: { status: { in: [...UNPAID_FEE_CLAIM_STATUSES] } } },
          assignments: { where: { status: "CONFIRMED", request: { occasions: { some: { endsAt: { gt: now } } } } } },
        },
      },
    },
    orderBy: { id: "asc" },
  });
}

/** Re-read inside the erasing transaction, so two runs at once cannot both erase (the second finds it erased). */
export function lockMemberForErasure(tx: Tx, tenantId: string, memberId: string) {
  return rows(tx, db.selectFrom("Member").select("erasedAt").where("tenantId", "=", tenantId).where("id", "=", memberId).forUpdate());
}

import type { FollowUpChannel, IntakeAppointmentStatus, Prisma } from "@medverkan/database";
import type { Tx } from "../context/tenant-scope.js";
import { memberFields, type NetworkVisibility } from "../member/member.repository.js";
import { processingAllowedWhere } from "../privacy/processing-allowed.js";
import { membershipSelect } from "./intake.repository.js";

// The only Prisma code of intake appointments and the follow-up log. Every query filters by tenant; "visible" ones
// also by the networks the reader coordinates, so another network's appointment reads as one that does not exist.

const appointmentSelect = {
  tenantId: true,
  id: true,
  membershipId: true,
  status: true,
  startsAt: true,
  endsAt: true,
  place: true,
  digitalLink: true,
  note: true,
  previousTimes: true,
  bookedById: true,
  bookedAt: true,
  scheduledAt: true,
  statusChangedAt: true,
  remindedForStartsAt: true,
  version: true,
  membership: { select: { networkId: true, memberId: true, network: { select: { name: true } } } },
} as const satisfies Prisma.IntakeAppointmentSelect;

export type AppointmentRow = Prisma.IntakeAppointmentGetPayload<{ select: typeof appointmentSelect }>;

const OPEN: IntakeAppointmentStatus[] = ["BOOKED", "RESCHEDULED"];

const visibleMembership = (networks: NetworkVisibility): Prisma.MembershipWhereInput => ({
  member: { erasedAt: null },
  ...(networks === "ALL" ? {} : { networkId: { in: [...networks] } }),
});

export function insertAppointment(
  tx: Tx,
  data: {
    tenantId: string;
    membershipId: string;
    startsAt: Date;
    endsAt: Date | null;
    place: string | null;
    digitalLink: string | null;
    note: string | null;
    bookedById: string;
    at: Date;
  },
): Promise<AppointmentRow> {
  const { at, ...rest } = data;
  return tx.intakeAppointment.create({
    data: { ...rest, status: "BOOKED", bookedAt: at, scheduledAt: at, statusChangedAt: at },
    select: appointmentSelect,
  });
}

export function findAppointment(tx: Tx, tenantId: string, id: string): Promise<AppointmentRow | null> {
  return tx.intakeAppointment.findFirst({ where: { tenantId, id }, select: appointmentSelect });
}

export function findVisibleAppointment(tx: Tx, tenantId: string, id: string, networks: NetworkVisibility): Promise<AppointmentRow | null> {
  return tx.intakeAppointment.findFirst({ where: { tenantId, id, membership: visibleMembership(networks) }, select: appointmentSelect });
}

export function findOpenAppointmentOfMembership(tx: Tx, tenantId: string, membershipId: string) {
  return tx.intakeAppointment.findFirst({ where: { tenantId, membershipId, status: { in: OPEN } }, select: { id: true } });
}

export type AppointmentChange = Partial<
  Pick<
    Prisma.IntakeAppointmentUncheckedUpdateInput,
    "status" | "startsAt" | "endsAt" | "place" | "digitalLink" | "note" | "previousTimes" | "scheduledAt" | "statusChangedAt"
  >
>;

/** Applies the change only if the row still has the version the caller read; returns how many rows changed (0 or 1). */
export async function updateAppointmentIfVersion(
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  data: AppointmentChange,
): Promise<number> {
  const { count } = await tx.intakeAppointment.updateMany({
    where: { tenantId, id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  return count;
}

/** A membership's appointments, latest time first. */
export function listAppointmentsOfMembership(tx: Tx, tenantId: string, membershipId: string): Promise<AppointmentRow[]> {
  return tx.intakeAppointment.findMany({
    where: { tenantId, membershipId },
    select: appointmentSelect,
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
  });
}

/** The member's own appointments still to come (or started within the last hours), earliest first. */
export function listUpcomingAppointmentsOfMember(tx: Tx, tenantId: string, memberId: string, from: Date): Promise<AppointmentRow[]> {
  return tx.intakeAppointment.findMany({
    where: { tenantId, status: { in: OPEN }, startsAt: { gte: from }, membership: { memberId, member: { erasedAt: null } } },
    select: appointmentSelect,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
}

/** What the reminder rule needs of the tenant. */
export function findReminderSettings(tx: Tx, tenantId: string) {
  return tx.tenant.findFirst({ where: { id: tenantId }, select: { timeZone: true, intakeReminderHoursBefore: true } });
}

/** Open appointments starting between the two instants whose reminder has not been queued for their current time. */
export function findAppointmentsStartingBetween(tx: Tx, tenantId: string, from: Date, to: Date): Promise<AppointmentRow[]> {
  return tx.intakeAppointment.findMany({
    where: { tenantId, status: { in: OPEN }, startsAt: { gt: from, lte: to }, membership: { member: processingAllowedWhere } },
    select: appointmentSelect,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
}

/**
 * Marks the reminder as queued for the appointment's current time. Conditional on the time still being that one and
 * the appointment still open, so a reschedule or cancellation committed meanwhile wins; returns whether it marked.
 */
export async function markReminded(tx: Tx, tenantId: string, id: string, startsAt: Date): Promise<boolean> {
  const { count } = await tx.intakeAppointment.updateMany({
    where: {
      tenantId,
      id,
      startsAt,
      status: { in: OPEN },
      OR: [{ remindedForStartsAt: null }, { remindedForStartsAt: { not: startsAt } }],
    },
    data: { remindedForStartsAt: startsAt },
  });
  return count === 1;
}

// ----- the follow-up log -----------------------------------------------------------------------------------------

const followUpSelect = {
  tenantId: true,
  id: true,
  membershipId: true,
  contactedOn: true,
  channel: true,
  note: true,
  nextFollowUpOn: true,
  recordedById: true,
  recordedAt: true,
} as const satisfies Prisma.MembershipFollowUpSelect;

export type FollowUpRow = Prisma.MembershipFollowUpGetPayload<{ select: typeof followUpSelect }>;

export function insertFollowUp(
  tx: Tx,
  data: {
    tenantId: string;
    membershipId: string;
    contactedOn: Date;
    channel: FollowUpChannel;
    note: string | null;
    nextFollowUpOn: Date | null;
    recordedById: string;
  },
): Promise<FollowUpRow> {
  return tx.membershipFollowUp.create({ data, select: followUpSelect });
}

export function findFollowUp(tx: Tx, tenantId: string, id: string): Promise<FollowUpRow | null> {
  return tx.membershipFollowUp.findFirst({ where: { tenantId, id }, select: followUpSelect });
}

const NEWEST_FIRST = [
  { contactedOn: "desc" },
  { recordedAt: "desc" },
  { id: "desc" },
] as const satisfies Prisma.MembershipFollowUpOrderByWithRelationInput[];

/** A membership's log, newest contact first; the cursor is the last row's id, continued in the same order. */
export async function listFollowUps(tx: Tx, tenantId: string, membershipId: string, page: { take: number; afterId: string | null }) {
  const where: Prisma.MembershipFollowUpWhereInput = { tenantId, membershipId };
  let after: Prisma.MembershipFollowUpWhereInput = {};
  if (page.afterId) {
    const last = await tx.membershipFollowUp.findFirst({
      where: { tenantId, membershipId, id: page.afterId },
      select: { contactedOn: true, recordedAt: true },
    });
    after = last
      ? {
          OR: [
            { contactedOn: { lt: last.contactedOn } },
            { contactedOn: last.contactedOn, recordedAt: { lt: last.recordedAt } },
            { contactedOn: last.contactedOn, recordedAt: last.recordedAt, id: { lt: page.afterId } },
          ],
        }
      : { id: { in: [] } };
  }
  const [rows, total] = await Promise.all([
    tx.membershipFollowUp.findMany({
      where: { AND: [where, after] },
      select: followUpSelect,
      orderBy: [...NEWEST_FIRST],
      take: page.take + 1,
    }),
    tx.membershipFollowUp.count({ where }),
  ]);
  return { rows, total };
}

const CLOSED_MEMBERSHIPS = ["WITHDRAWN", "ERASED"] as const;

/**
 * The latest logged contact of every open membership in the reader's networks that has any next date on or before
 * `until`; the caller keeps those whose latest contact still says so (the domain's isFollowUpDue).
 */
export async function findLatestFollowUpsWithDateUntil(tx: Tx, tenantId: string, networks: readonly string[] | "ALL", until: Date) {
  const membershipWhere: Prisma.MembershipWhereInput = {
    tenantId,
    status: { notIn: [...CLOSED_MEMBERSHIPS] },
    member: processingAllowedWhere,
    ...(networks === "ALL" ? {} : { networkId: { in: [...networks] } }),
  };
  const candidates = await tx.membershipFollowUp.findMany({
    where: { tenantId, nextFollowUpOn: { lte: until }, membership: membershipWhere },
    select: { membershipId: true },
    distinct: ["membershipId"],
  });
  if (candidates.length === 0) return [];
  return tx.membershipFollowUp.findMany({
    where: { tenantId, membershipId: { in: candidates.map((row) => row.membershipId) } },
    select: { ...followUpSelect, membership: { select: { ...membershipSelect, member: { select: memberFields } } } },
    orderBy: [{ membershipId: "asc" }, ...NEWEST_FIRST],
    distinct: ["membershipId"],
  });
}

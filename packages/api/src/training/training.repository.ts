import { db, type EnrolmentStatus, type Prisma, rows, sql, type TrainingFormat } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";
import type { SessionPageRequest } from "./session-page.js";

/** Which networks' sessions a reader may see: all of the tenant's, or the listed ones. */
export type NetworkVisibility = "ALL" | string[];

const inNetworks = (networks: NetworkVisibility): Prisma.TrainingSessionWhereInput =>
  networks === "ALL" ? {} : { networkId: { in: networks } };

const sessionFields = {
  tenantId: true,
  id: true,
  networkId: true,
  title: true,
  startsAt: true,
  endsAt: true,
  format: true,
  place: true,
  digitalLink: true,
  capacity: true,
  cancelledAt: true,
  createdAt: true,
  version: true,
} as const satisfies Prisma.TrainingSessionSelect;

export type SessionRow = Prisma.TrainingSessionGetPayload<{ select: typeof sessionFields }>;

const enrolmentFields = {
  tenantId: true,
  id: true,
  sessionId: true,
  memberId: true,
  status: true,
  enrolledAt: true,
  attended: true,
  attendanceRecordedAt: true,
  member: { select: { givenName: true, familyName: true } },
} as const satisfies Prisma.TrainingEnrolmentSelect;

export type EnrolmentRow = Prisma.TrainingEnrolmentGetPayload<{ select: typeof enrolmentFields }>;

export interface SessionFilter {
  networkId?: string | null;
  /** Only sessions starting after this moment (and not cancelled). */
  upcomingAfter?: Date | null;
}

/** Sessions in date order: the order people plan by. Paged on (startsAt, id) so equal start times stay stable. */
export async function listSessions(
  tx: Tx,
  tenantId: string,
  networks: NetworkVisibility,
  filter: SessionFilter,
  page: SessionPageRequest,
): Promise<{ rows: SessionRow[]; total: number }> {
  const where: Prisma.TrainingSessionWhereInput = {
    tenantId,
    ...inNetworks(networks),
    ...(filter.networkId ? { networkId: filter.networkId } : {}),
    ...(filter.upcomingAfter ? { startsAt: { gt: filter.upcomingAfter }, cancelledAt: null } : {}),
  };
  const after = page.after;
  const afterWhere: Prisma.TrainingSessionWhereInput = after
    ? { OR: [{ startsAt: { gt: after.startsAt } }, { startsAt: after.startsAt, id: { gt: after.id } }] }
    : {};
  const [rows, total] = await Promise.all([
    tx.trainingSession.findMany({
      where: { AND: [where, afterWhere] },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: page.take + 1,
      select: sessionFields,
    }),
    tx.trainingSession.count({ where }),
  ]);
  return { rows, total };
}

export function findSession(tx: Tx, tenantId: string, id: string, networks: NetworkVisibility): Promise<SessionRow | null> {
  return tx.trainingSession.findFirst({ where: { tenantId, id, ...inNetworks(networks) }, select: sessionFields });
}

export function findSessionsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<SessionRow[]> {
  return tx.trainingSession.findMany({ where: { tenantId, id: { in: [...ids] } }, select: sessionFields });
}

/**
 * Takes the session row's lock until commit. Every change to a session's places goes through it, so two enrolments
 * for the last place are serialised: the second one sees the first and lands on the waiting list.
 */
export async function lockSession(tx: Tx, tenantId: string, id: string): Promise<void> {
  await rows(
    tx,
    db.selectFrom("TrainingSession").select(sql<number>`1`.as("locked")).where("tenantId", "=", tenantId).where("id", "=", id).forUpdate(),
  );
}

export function findOpenNetwork(tx: Tx, tenantId: string, id: string) {
  return tx.network.findFirst({ where: { tenantId, id }, select: { id: true, retiredAt: true } });
}

export interface SessionData {
  title: string;
  startsAt: Date;
  endsAt: Date;
  format: TrainingFormat;
  place: string | null;
  digitalLink: string | null;
  capacity: number;
}

export function insertSession(tx: Tx, tenantId: string, networkId: string, data: SessionData): Promise<SessionRow> {
  return tx.trainingSession.create({ data: { tenantId, networkId, ...data }, select: sessionFields });
}

/**
 * Every change counts a version. With `expectedVersion` the change applies only to the version the editor read
 * (optimistic concurrency); returns how many rows changed (0: the session changed meanwhile, or has gone).
 */
export async function updateSession(
  tx: Tx,
  tenantId: string,
  id: string,
  data: Partial<SessionData> & { cancelledAt?: Date },
  expectedVersion?: number,
): Promise<number> {
  const { count } = await tx.trainingSession.updateMany({
    where: { tenantId, id, ...(expectedVersion === undefined ? {} : { version: expectedVersion }) },
    data: { ...data, version: { increment: 1 } },
  });
  return count;
}

export async function countByStatus(tx: Tx, tenantId: string, sessionIds: readonly string[]) {
  const groups = await tx.trainingEnrolment.groupBy({
    by: ["sessionId", "status"],
    where: { tenantId, sessionId: { in: [...sessionIds] }, status: { in: ["ENROLLED", "WAITLISTED"] } },
    _count: { _all: true },
  });
  return groups.map((group) => ({ sessionId: group.sessionId, status: group.status, count: group._count._all }));
}

export function countEnrolled(tx: Tx, tenantId: string, sessionId: string): Promise<number> {
  return tx.trainingEnrolment.count({ where: { tenantId, sessionId, status: "ENROLLED" } });
}

/** The waiting lists of some sessions, each in queue order: earliest enrolment first. */
export function findWaitlisted(tx: Tx, tenantId: string, sessionIds: readonly string[]) {
  return tx.trainingEnrolment.findMany({
    where: { tenantId, sessionId: { in: [...sessionIds] }, status: "WAITLISTED" },
    orderBy: [{ enrolledAt: "asc" }, { id: "asc" }],
    select: { id: true, sessionId: true, memberId: true },
  });
}

/** The enrolments a cancelled session takes with it (still holding a place or waiting). */
export function findActiveEnrolments(tx: Tx, tenantId: string, sessionId: string) {
  return tx.trainingEnrolment.findMany({
    where: { tenantId, sessionId, status: { in: ["ENROLLED", "WAITLISTED"] } },
    select: { id: true, memberId: true, status: true },
  });
}

export async function setEnrolmentStatus(tx: Tx, tenantId: string, ids: readonly string[], status: EnrolmentStatus): Promise<void> {
  if (ids.length === 0) return;
  await tx.trainingEnrolment.updateMany({ where: { tenantId, id: { in: [...ids] } }, data: { status } });
}

export function findEnrolment(tx: Tx, tenantId: string, id: string): Promise<EnrolmentRow | null> {
  return tx.trainingEnrolment.findFirst({ where: { tenantId, id }, select: enrolmentFields });
}

export function findEnrolmentOf(tx: Tx, tenantId: string, sessionId: string, memberId: string): Promise<EnrolmentRow | null> {
  return tx.trainingEnrolment.findFirst({ where: { tenantId, sessionId, memberId }, select: enrolmentFields });
}

export function insertEnrolment(tx: Tx, tenantId: string, sessionId: string, memberId: string, status: EnrolmentStatus) {
  return tx.trainingEnrolment.create({ data: { tenantId, sessionId, memberId, status }, select: enrolmentFields });
}

/** Someone who cancelled and comes back: the same row, at the end of the queue, with no attendance from before. */
export async function reopenEnrolment(tx: Tx, tenantId: string, id: string, status: EnrolmentStatus): Promise<EnrolmentRow> {
  await tx.trainingEnrolment.updateMany({
    where: { tenantId, id },
    data: { status, enrolledAt: new Date(), attended: null, attendanceRecordedAt: null },
  });
  return (await findEnrolment(tx, tenantId, id)) as EnrolmentRow;
}

export async function recordAttendance(tx: Tx, tenantId: string, id: string, attended: boolean, at: Date): Promise<EnrolmentRow> {
  await tx.trainingEnrolment.updateMany({ where: { tenantId, id }, data: { attended, attendanceRecordedAt: at } });
  return (await findEnrolment(tx, tenantId, id)) as EnrolmentRow;
}

export async function listSessionEnrolments(
  tx: Tx,
  tenantId: string,
  sessionId: string,
  page: PageRequest,
): Promise<{ rows: EnrolmentRow[]; total: number }> {
  const where = { tenantId, sessionId };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.trainingEnrolment.findMany({ ...query, where: { ...where, ...query.where }, select: enrolmentFields }),
    tx.trainingEnrolment.count({ where }),
  ]);
  return { rows, total };
}

export async function listMemberEnrolments(
  tx: Tx,
  tenantId: string,
  memberId: string,
  page: PageRequest,
): Promise<{ rows: EnrolmentRow[]; total: number }> {
  const where = { tenantId, memberId };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.trainingEnrolment.findMany({ ...query, where: { ...where, ...query.where }, select: enrolmentFields }),
    tx.trainingEnrolment.count({ where }),
  ]);
  return { rows, total };
}

/** The member's place in one network, if they have one (and have not been erased). */
export function findMembership(tx: Tx, tenantId: string, memberId: string, networkId: string) {
  return tx.membership.findFirst({
    where: { tenantId, memberId, networkId, member: { erasedAt: null } },
    select: { id: true, status: true, trainedAt: true },
  });
}

/** Whether the member exists in any of the given networks: what a coordinator may know about them at all. */
export async function isMemberVisible(tx: Tx, tenantId: string, memberId: string, networks: NetworkVisibility): Promise<boolean> {
  const row = await tx.member.findFirst({
    where: { tenantId, id: memberId, erasedAt: null, memberships: { some: networks === "ALL" ? {} : { networkId: { in: networks } } } },
    select: { id: true },
  });
  return row !== null;
}

/** Starts of the other sessions of a network that the member is recorded as having attended. */
export async function otherAttendedSessionStarts(
  tx: Tx,
  tenantId: string,
  memberId: string,
  networkId: string,
  exceptEnrolmentId: string,
): Promise<Date[]> {
  const rows = await tx.trainingEnrolment.findMany({
    where: { tenantId, memberId, attended: true, id: { not: exceptEnrolmentId }, session: { networkId } },
    select: { session: { select: { startsAt: true } } },
  });
  return rows.map((row) => row.session.startsAt);
}

/**
 * Changes the "training attended" fact the intake lifecycle reads. The version moves too, so an intake transition
 * that read the membership before this change fails with CONFLICT instead of acting on a stale fact.
 */
export async function setMembershipTrainedAt(tx: Tx, tenantId: string, membershipId: string, trainedAt: Date | null): Promise<void> {
  await tx.membership.updateMany({ where: { tenantId, id: membershipId }, data: { trainedAt, version: { increment: 1 } } });
}

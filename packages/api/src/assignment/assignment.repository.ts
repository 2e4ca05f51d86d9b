import type { Prisma } from "@medverkan/database";
import { type PageRequest, pageQuery } from "../common/pagination/connection.js";
import type { Tx } from "../context/tenant-scope.js";

// The only code of the assignment feature that knows about Prisma.

export const assignmentFields = {
  tenantId: true,
  id: true,
  invitationId: true,
  requestId: true,
  memberId: true,
  status: true,
  agreementRequired: true,
  agreementSignedByMemberAt: true,
  agreementSignedByUnitAt: true,
  agreementValidFrom: true,
  agreementValidTo: true,
  agreementScope: true,
  cancelledAt: true,
  cancellationReason: true,
  createdAt: true,
  version: true,
} as const satisfies Prisma.AssignmentSelect;

export type AssignmentRow = Prisma.AssignmentGetPayload<{ select: typeof assignmentFields }>;

const attendanceFields = {
  id: true,
  assignmentId: true,
  occasionId: true,
  attended: true,
  durationMinutes: true,
  travelMinutes: true,
  reportedAt: true,
} as const satisfies Prisma.AttendanceSelect;

export type AttendanceRow = Prisma.AttendanceGetPayload<{ select: typeof attendanceFields }>;

export function findAssignment(tx: Tx, tenantId: string, id: string): Promise<AssignmentRow | null> {
  return tx.assignment.findFirst({ where: { tenantId, id }, select: assignmentFields });
}

export function findAssignmentsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<AssignmentRow[]> {
  return tx.assignment.findMany({ where: { tenantId, id: { in: [...ids] } }, select: assignmentFields });
}

export function findAssignmentsOfRequests(tx: Tx, tenantId: string, requestIds: readonly string[]): Promise<AssignmentRow[]> {
  return tx.assignment.findMany({
    where: { tenantId, requestId: { in: [...requestIds] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: assignmentFields,
  });
}

export async function listMemberAssignments(
  tx: Tx,
  tenantId: string,
  memberId: string,
  page: PageRequest,
): Promise<{ rows: AssignmentRow[]; total: number }> {
  const where = { tenantId, memberId };
  const query = pageQuery(page);
  const [rows, total] = await Promise.all([
    tx.assignment.findMany({ ...query, where: { ...where, ...query.where }, select: assignmentFields }),
    tx.assignment.count({ where }),
  ]);
  return { rows, total };
}

/** One of the member's own assignments; someone else's is null. */
export function findMemberAssignment(tx: Tx, tenantId: string, memberId: string, id: string): Promise<AssignmentRow | null> {
  return tx.assignment.findFirst({ where: { tenantId, memberId, id }, select: assignmentFields });
}

export function findOccasion(tx: Tx, tenantId: string, id: string) {
  return tx.occasion.findFirst({
    where: { tenantId, id },
    select: { id: true, requestId: true, startsAt: true, endsAt: true, cancelledAt: true },
  });
}

export function findAttendance(tx: Tx, tenantId: string, assignmentId: string, occasionId: string): Promise<AttendanceRow | null> {
  return tx.attendance.findFirst({ where: { tenantId, assignmentId, occasionId }, select: attendanceFields });
}

/** One row per assignment and occasion: reporting again corrects the figures (fee claims read the latest). */
export function upsertAttendance(
  tx: Tx,
  tenantId: string,
  data: {
    assignmentId: string;
    occasionId: string;
    attended: boolean;
    durationMinutes: number;
    travelMinutes: number;
    reportedById: string;
    reportedAt: Date;
  },
): Promise<AttendanceRow> {
  const { assignmentId, occasionId, ...figures } = data;
  return tx.attendance.upsert({
    where: { tenantId_assignmentId_occasionId: { tenantId, assignmentId, occasionId } },
    create: { tenantId, ...data },
    update: figures,
    select: attendanceFields,
  });
}

export function findAttendancesOfAssignments(tx: Tx, tenantId: string, assignmentIds: readonly string[]): Promise<AttendanceRow[]> {
  return tx.attendance.findMany({
    where: { tenantId, assignmentId: { in: [...assignmentIds] } },
    orderBy: [{ occasion: { startsAt: "asc" } }, { id: "asc" }],
    select: attendanceFields,
  });
}

/** The fairness of matching reads when a member last took part in the network; it only ever moves later. */
export async function raiseLastAssignmentAt(tx: Tx, tenantId: string, memberId: string, networkId: string, at: Date): Promise<void> {
  await tx.membership.updateMany({
    where: { tenantId, memberId, networkId, OR: [{ lastAssignmentAt: null }, { lastAssignmentAt: { lt: at } }] },
    data: { lastAssignmentAt: at },
  });
}

export async function updateAgreement(
  tx: Tx,
  tenantId: string,
  id: string,
  data: {
    agreementValidFrom: Date;
    agreementValidTo: Date;
    agreementScope: string;
    agreementSignedByMemberAt: Date;
    agreementSignedByUnitAt: Date;
  },
): Promise<AssignmentRow> {
  await tx.assignment.updateMany({ where: { tenantId, id }, data: { ...data, version: { increment: 1 } } });
  return (await findAssignment(tx, tenantId, id)) as AssignmentRow;
}

// Writes one tenant's plan as an upsert keyed on `(tenantId, id)`: a second run finds every row of the first and
// brings it back to the planned state instead of adding a copy. Row by row `upsert` costs a round trip per row
// (seconds on PGlite for a few thousand rows), so each table is synchronised in three steps instead: read the
// planned ids that already exist, insert the missing rows with one `createMany`, and `update` only the rows whose
// stored values differ from the plan. Re-seeding an unchanged database is then a handful of reads. Tables are
// written in foreign-key order.
import type { Prisma } from "../src/index.js";
import type { TenantPlan } from "./plan.js";

type Tx = Prisma.TransactionClient;

interface TableOps<Row> {
  readonly existing: (ids: string[]) => Promise<ReadonlyArray<Record<string, unknown> & { id: string }>>;
  readonly create: (rows: Row[]) => Promise<unknown>;
  /** Writes only the columns that changed (`id` always included, to find the row). */
  readonly update: (row: Partial<Row> & { id: string }) => Promise<unknown>;
}

/** How much one run changed for a tenant, for tests and logs: a repeated run creates and updates nothing. */
export interface WriteStats {
  created: number;
  updated: number;
  unchanged: number;
}

export async function writePlan(tx: Tx, tenantId: string, plan: TenantPlan): Promise<WriteStats> {
  const stats: WriteStats = { created: 0, updated: 0, unchanged: 0 };
  const inTenant = (ids: string[]) => ({ where: { tenantId, id: { in: ids } } });
  const sync = async <Row extends { id: string }>(rows: readonly Row[], ops: TableOps<Row>) => {
    if (rows.length === 0) return;
    const stored = new Map((await ops.existing(rows.map((row) => row.id))).map((row) => [row.id, row]));
    const missing = rows.filter((row) => !stored.has(row.id));
    if (missing.length > 0) await ops.create(missing);
    stats.created += missing.length;
    const updates: Array<Partial<Row> & { id: string }> = [];
    for (const row of rows) {
      const current = stored.get(row.id);
      if (!current) continue;
      const changed = changedColumns(row, current);
      if (changed) updates.push({ ...changed, id: row.id });
      else stats.unchanged += 1;
    }
    // Queued together, the updates of a table travel to the database back to back instead of one round trip each.
    await Promise.all(updates.map((update) => ops.update(update)));
    stats.updated += updates.length;
  };
  const withTenant = <Row extends object>(rows: readonly Row[]) => rows.map((row) => ({ ...row, tenantId }));

  // Configuration.
  await sync(plan.intakeRuleSets, {
    existing: (ids) => tx.intakeRuleSet.findMany(inTenant(ids)),
    create: (rows) => tx.intakeRuleSet.createMany({ data: withTenant(rows) }),
    update: (row) => tx.intakeRuleSet.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.requestForms, {
    existing: (ids) => tx.requestForm.findMany(inTenant(ids)),
    create: (rows) => tx.requestForm.createMany({ data: withTenant(rows) }),
    update: (row) => tx.requestForm.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.assignmentTypes, {
    existing: (ids) => tx.assignmentType.findMany(inTenant(ids)),
    create: (rows) => tx.assignmentType.createMany({ data: withTenant(rows) }),
    update: (row) => tx.assignmentType.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.feeSchedules, {
    existing: (ids) => tx.feeSchedule.findMany(inTenant(ids)),
    create: (rows) => tx.feeSchedule.createMany({ data: withTenant(rows) }),
    update: (row) => tx.feeSchedule.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.feeScheduleVersions, {
    existing: (ids) => tx.feeScheduleVersion.findMany(inTenant(ids)),
    create: (rows) => tx.feeScheduleVersion.createMany({ data: withTenant(rows) }),
    update: (row) => tx.feeScheduleVersion.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.consentTexts, {
    existing: (ids) => tx.consentText.findMany(inTenant(ids)),
    create: (rows) => tx.consentText.createMany({ data: withTenant(rows) }),
    update: (row) => tx.consentText.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  // Parents come before children in the plan, and one INSERT checks its foreign keys at the end of the statement.
  await sync(plan.experienceTags, {
    existing: (ids) => tx.experienceTag.findMany(inTenant(ids)),
    create: (rows) => tx.experienceTag.createMany({ data: withTenant(rows) }),
    update: (row) => tx.experienceTag.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.organisations, {
    existing: (ids) => tx.organisation.findMany(inTenant(ids)),
    create: (rows) => tx.organisation.createMany({ data: withTenant(rows) }),
    update: (row) => tx.organisation.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.units, {
    existing: (ids) => tx.unit.findMany(inTenant(ids)),
    create: (rows) => tx.unit.createMany({ data: withTenant(rows) }),
    update: (row) => tx.unit.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.costCentres, {
    existing: (ids) => tx.costCentre.findMany(inTenant(ids)),
    create: (rows) => tx.costCentre.createMany({ data: withTenant(rows) }),
    update: (row) => tx.costCentre.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.networks, {
    existing: (ids) => tx.network.findMany(inTenant(ids)),
    create: (rows) => tx.network.createMany({ data: withTenant(rows) }),
    update: (row) => tx.network.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.staffUsers, {
    existing: (ids) => tx.staffUser.findMany(inTenant(ids)),
    create: (rows) => tx.staffUser.createMany({ data: withTenant(rows) }),
    update: (row) => tx.staffUser.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.roleGrants, {
    existing: (ids) => tx.roleGrant.findMany(inTenant(ids)),
    create: (rows) => tx.roleGrant.createMany({ data: withTenant(rows) }),
    update: (row) => tx.roleGrant.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.trainingSessions, {
    existing: (ids) => tx.trainingSession.findMany(inTenant(ids)),
    create: (rows) => tx.trainingSession.createMany({ data: withTenant(rows) }),
    update: (row) => tx.trainingSession.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });

  // Members.
  await sync(plan.members, {
    existing: (ids) => tx.member.findMany(inTenant(ids)),
    create: (rows) => tx.member.createMany({ data: withTenant(rows) }),
    update: (row) => tx.member.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  // Tag links carry no data of their own: they are replaced wholesale for the seeded members, so that a tag
  // dropped from the plan does not linger.
  await replaceLinks(
    () => tx.memberExperience.deleteMany({ where: { tenantId, memberId: { in: plan.members.map((row) => row.id) } } }),
    () => tx.memberExperience.createMany({ data: withTenant(plan.memberExperiences) }),
  );
  await sync(plan.memberPauses, {
    existing: (ids) => tx.memberPause.findMany(inTenant(ids)),
    create: (rows) => tx.memberPause.createMany({ data: withTenant(rows) }),
    update: (row) => tx.memberPause.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.memberRevisions, {
    existing: (ids) => tx.memberRevision.findMany(inTenant(ids)),
    create: (rows) => tx.memberRevision.createMany({ data: withTenant(rows) }),
    update: (row) => tx.memberRevision.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.guardians, {
    existing: (ids) => tx.guardian.findMany(inTenant(ids)),
    create: (rows) => tx.guardian.createMany({ data: withTenant(rows) }),
    update: (row) => tx.guardian.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.memberships, {
    existing: (ids) => tx.membership.findMany(inTenant(ids)),
    create: (rows) => tx.membership.createMany({ data: withTenant(rows) }),
    update: (row) => tx.membership.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.membershipEvents, {
    existing: (ids) => tx.membershipEvent.findMany(inTenant(ids)),
    create: (rows) => tx.membershipEvent.createMany({ data: withTenant(rows) }),
    update: (row) => tx.membershipEvent.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.duplicateCandidates, {
    existing: (ids) => tx.duplicateCandidate.findMany(inTenant(ids)),
    create: (rows) => tx.duplicateCandidate.createMany({ data: withTenant(rows) }),
    update: (row) => tx.duplicateCandidate.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.trainingEnrolments, {
    existing: (ids) => tx.trainingEnrolment.findMany(inTenant(ids)),
    create: (rows) => tx.trainingEnrolment.createMany({ data: withTenant(rows) }),
    update: (row) => tx.trainingEnrolment.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });

  // Requests and what follows from them.
  await sync(plan.requests, {
    existing: (ids) => tx.request.findMany(inTenant(ids)),
    create: (rows) => tx.request.createMany({ data: withTenant(rows) }),
    update: (row) => tx.request.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await replaceLinks(
    () => tx.requestExperienceTag.deleteMany({ where: { tenantId, requestId: { in: plan.requests.map((row) => row.id) } } }),
    () => tx.requestExperienceTag.createMany({ data: withTenant(plan.requestExperienceTags) }),
  );
  await sync(plan.requestEvents, {
    existing: (ids) => tx.requestEvent.findMany(inTenant(ids)),
    create: (rows) => tx.requestEvent.createMany({ data: withTenant(rows) }),
    update: (row) => tx.requestEvent.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.occasions, {
    existing: (ids) => tx.occasion.findMany(inTenant(ids)),
    create: (rows) => tx.occasion.createMany({ data: withTenant(rows) }),
    update: (row) => tx.occasion.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.consents, {
    existing: (ids) => tx.consent.findMany(inTenant(ids)),
    create: (rows) => tx.consent.createMany({ data: withTenant(rows) }),
    update: (row) => tx.consent.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.invitations, {
    existing: (ids) => tx.invitation.findMany(inTenant(ids)),
    create: (rows) => tx.invitation.createMany({ data: withTenant(rows) }),
    update: (row) => tx.invitation.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.assignments, {
    existing: (ids) => tx.assignment.findMany(inTenant(ids)),
    create: (rows) => tx.assignment.createMany({ data: withTenant(rows) }),
    update: (row) => tx.assignment.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.attendances, {
    existing: (ids) => tx.attendance.findMany(inTenant(ids)),
    create: (rows) => tx.attendance.createMany({ data: withTenant(rows) }),
    update: (row) => tx.attendance.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.payrollExports, {
    existing: (ids) => tx.payrollExport.findMany(inTenant(ids)),
    create: (rows) => tx.payrollExport.createMany({ data: withTenant(rows) }),
    update: (row) => tx.payrollExport.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  // A correction names the claim it supersedes, which comes earlier in the plan.
  await sync(plan.feeClaims, {
    existing: (ids) => tx.feeClaim.findMany(inTenant(ids)),
    create: (rows) => tx.feeClaim.createMany({ data: withTenant(rows) }),
    update: (row) => tx.feeClaim.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  // Payroll batches are per calendar month, so re-seeding on a later day can move claims to another batch; a
  // batch left without claims is removed rather than kept as an empty export.
  await tx.payrollExport.deleteMany({ where: { tenantId, feeClaims: { none: {} } } });
  await sync(plan.feeClaimExpenses, {
    existing: (ids) => tx.feeClaimExpense.findMany(inTenant(ids)),
    create: (rows) => tx.feeClaimExpense.createMany({ data: withTenant(rows) }),
    update: (row) => tx.feeClaimExpense.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.feedback, {
    existing: (ids) => tx.feedback.findMany(inTenant(ids)),
    create: (rows) => tx.feedback.createMany({ data: withTenant(rows) }),
    update: (row) => tx.feedback.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  await sync(plan.dataSubjectRequests, {
    existing: (ids) => tx.dataSubjectRequest.findMany(inTenant(ids)),
    create: (rows) => tx.dataSubjectRequest.createMany({ data: withTenant(rows) }),
    update: (row) => tx.dataSubjectRequest.updateMany({ where: { tenantId, id: row.id }, data: row }),
  });
  return stats;
}

async function replaceLinks(remove: () => Promise<unknown>, create: () => Promise<unknown>): Promise<void> {
  await remove();
  await create();
}

/** The planned columns whose stored value differs, or null when the row is as planned (omitted columns are not compared). */
function changedColumns<Row extends object>(planned: Row, stored: Record<string, unknown>): Partial<Row> | null {
  const changed: Partial<Row> = {};
  let any = false;
  for (const [column, value] of Object.entries(planned)) {
    if (value === undefined || sameValue(value, stored[column])) continue;
    (changed as Record<string, unknown>)[column] = value;
    any = true;
  }
  return any ? changed : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    const time = (value: unknown) => (value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : Number.NaN);
    return time(a) === time(b);
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  // Arrays and JSON documents: compared by content, with object keys in any order.
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The seeded representatives' mandates (VGR, issue 21 item 4): each member whose own words name one of the tenant's
 * patient organisations represents it, confirmed from the day they registered, open-ended. Ids are derived from the
 * member and the organisation, so a second seed finds the rows it wrote; an erased member has none.
 */
export async function writeRepresentations(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "OrganisationRepresentation"
      ("tenantId", "id", "memberId", "organisationId", "status", "validFrom", "covers", "proposedBy", "proposedById",
       "decidedAt", "createdAt", "updatedAt")
    SELECT m."tenantId", md5('representation:' || m."id" || ':' || o."id")::uuid, m."id", o."id", 'CONFIRMED',
           (m."createdAt" AT TIME ZONE 'Europe/Stockholm')::date,
           'Patientperspektiv för organisationens medlemmar i regionens utvecklingsarbete.', 'MEMBER', m."id",
           m."createdAt", m."createdAt", m."createdAt"
    FROM "Member" m
    JOIN "Organisation" o ON o."tenantId" = m."tenantId" AND o."name" = btrim(m."organisationRepresented")
    WHERE m."tenantId" = ${tenantId}::uuid AND m."erasedAt" IS NULL AND o."kind" = 'PATIENT_ORGANISATION'
    ON CONFLICT DO NOTHING`;
}

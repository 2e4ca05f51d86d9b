import type { PrismaClient } from "@medverkan/database";
import { anonymisedMemberFields, lastActivity, type RetentionDecision, retentionCutoff, retentionDecision } from "@medverkan/domain";
import type { Logger } from "pino";
import { insertAuditEvents } from "../audit/audit.repository.js";
import { deleteExpiredIdempotencyRecords } from "../common/idempotency/idempotency.repository.js";
import { IDEMPOTENCY_WINDOW_MS } from "../common/idempotency/idempotency-key.js";
import { TenantScope } from "../context/tenant-scope.js";
import { deleteExpiredDownloadLinks } from "../document/document.repository.js";
import { deleteOutsidePoolParticipantsBefore } from "../request/outside-pool-participant.repository.js";
import { deleteExpiredRateLimitCounters } from "../server/rate-limit.repository.js";
import { eraseMemberData, findRetentionCandidates, findTenantsWithRetention, lockMemberForErasure } from "./privacy.repository.js";

export interface TenantRetentionReport {
  tenant: string;
  retentionMonths: number;
  cutoff: string;
  anonymised: number;
  /** Participants from outside the pool recorded (and carried out) before the cutoff, deleted (none in a dry run). */
  outsidePoolParticipantsRemoved: number;
  /** Inactive members kept for now, by reason (unpaid fee claims, upcoming assignments). */
  kept: Partial<Record<Exclude<RetentionDecision, { eligible: true }>["reason"], number>>;
}

export interface RetentionReport {
  dryRun: boolean;
  tenants: TenantRetentionReport[];
}

/**
 * The retention job (GDPR art. 5(1)(e)): in every tenant that set `memberRetentionMonths`, anonymises the members
 * inactive longer than that, exactly as an erasure does, each in its own transaction with an ERASE audit event by
 * SYSTEM. Idempotent: an anonymised member is never a candidate again, so a second run (or two at once) changes
 * nothing. Deletes participants from outside the pool whose participation is older than the period. Also forgets expired idempotency answers, download links and rate-limit windows.
 */
export async function runRetention(
  system: PrismaClient,
  log: Logger,
  options: { now?: Date; dryRun?: boolean; tenantSlug?: string } = {},
): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const tenants = (await findTenantsWithRetention(system)).filter((tenant) => !options.tenantSlug || tenant.slug === options.tenantSlug);
  const reports: TenantRetentionReport[] = [];
  for (const tenant of tenants) {
    const months = tenant.memberRetentionMonths as number;
    const cutoff = retentionCutoff(now, months);
    const scope = new TenantScope(system, tenant.id);
    const candidates = await scope.transaction((tx) => findRetentionCandidates(tx, tenant.id, cutoff, now));
    const report: TenantRetentionReport = {
      tenant: tenant.slug,
      retentionMonths: months,
      cutoff: cutoff.toISOString(),
      anonymised: 0,
      outsidePoolParticipantsRemoved: 0,
      kept: {},
    };
    for (const candidate of candidates) {
      const facts = {
        erasedAt: candidate.erasedAt,
        lastActiveAt: candidate.lastActiveAt,
        otherActivity: candidate.memberships.flatMap((membership) => [
          membership.statusChangedAt,
          membership.lastInvitedAt,
          membership.lastAssignmentAt,
        ]),
        unpaidFeeClaims: candidate._count.feeClaims,
        upcomingAssignments: candidate._count.assignments,
      };
      const decision = retentionDecision(facts, cutoff);
      if (!decision.eligible) {
        if (decision.reason !== "RECENTLY_ACTIVE") report.kept[decision.reason] = (report.kept[decision.reason] ?? 0) + 1;
        continue;
      }
      if (dryRun) {
        report.anonymised += 1;
        continue;
      }
      const erased = await scope.transaction(
        async (tx) => {
          const [current] = await lockMemberForErasure(tx, tenant.id, candidate.id);
          if (!current || current.erasedAt) return false;
          await eraseMemberData(
            tx,
            tenant.id,
            candidate.id,
            anonymisedMemberFields({ birthDate: candidate.birthDate?.toISOString().slice(0, 10) ?? null, birthYear: candidate.birthYear }),
            now,
            { actorType: "SYSTEM", actorId: null },
          );
          await insertAuditEvents(tx, [
            {
              tenantId: tenant.id,
              actorType: "SYSTEM",
              action: "ERASE",
              subjectType: "Member",
              subjectId: candidate.id,
              memberId: candidate.id,
              purpose: `retention period of ${months} months elapsed`,
              details: { reason: "RETENTION", lastActivity: lastActivity(facts).toISOString(), cutoff: cutoff.toISOString() },
            },
          ]);
          return true;
        },
        { timeoutMs: 30_000 },
      );
      if (erased) report.anonymised += 1;
    }
    if (!dryRun) {
      // Participants from outside the pool (issue 21 item 7) are no members and have no activity of their own: their
      // record goes once the participation is older than the same period. Deleted, each with an ERASE event by SYSTEM.
      report.outsidePoolParticipantsRemoved = await scope.transaction(async (tx) => {
        const removed = await deleteOutsidePoolParticipantsBefore(tx, tenant.id, cutoff);
        if (removed.length > 0) {
          await insertAuditEvents(
            tx,
            removed.map((row) => ({
              tenantId: tenant.id,
              actorType: "SYSTEM" as const,
              action: "ERASE" as const,
              subjectType: "OutsidePoolParticipant",
              subjectId: row.id,
              purpose: `retention period of ${months} months elapsed`,
              details: { reason: "RETENTION", requestId: row.requestId, cutoff: cutoff.toISOString() },
            })),
          );
        }
        return removed.length;
      });
      await scope.transaction((tx) => deleteExpiredIdempotencyRecords(tx, tenant.id, new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS)));
      // Download links are useless a few minutes after they were made; a day later they are forgotten.
      await scope.transaction((tx) => deleteExpiredDownloadLinks(tx, tenant.id, new Date(now.getTime() - 86_400_000)));
    }
    log.info({ ...report, dryRun }, "retention run");
    reports.push(report);
  }
  if (!dryRun) await deleteExpiredRateLimitCounters(system);
  return { dryRun, tenants: reports };
}

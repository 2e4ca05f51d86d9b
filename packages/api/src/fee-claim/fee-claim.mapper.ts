import type { PayrollClaim } from "@medverkan/domain";
import { isoDate } from "../fee-schedule/fee-schedule.mapper.js";
import { money } from "../fee-schedule/money.type.js";
import { AnswerChannel } from "../invitation/invitation.type.js";
import type { ClaimRow } from "./fee-claim.repository.js";
import type { FeeClaim, FeeClaimStatus } from "./fee-claim.type.js";

export const participantName = (row: ClaimRow): string =>
  row.member.erasedAt ? "" : `${row.member.givenName} ${row.member.familyName}`.trim();

export const countedMinutes = (row: ClaimRow): number =>
  row.durationMinutes + (row.feeScheduleVersion.travelTimeCounts ? row.travelMinutes : 0);

export function toFeeClaim(row: ClaimRow, context: { payerNames: ReadonlyMap<string, string>; identityVisible: boolean }): FeeClaim {
  const amount = (ore: number) => money(ore, row.currency);
  const request = row.assignment.request;
  return {
    id: row.id,
    tenantId: row.tenantId,
    memberId: row.memberId,
    networkId: request.networkId,
    unitId: request.unitId,
    status: row.status as FeeClaimStatus,
    occasionId: row.occasionId,
    assignmentId: row.assignmentId,
    requestId: request.id,
    requestTitle: request.title,
    participantName: context.identityVisible ? participantName(row) : null,
    occasionDate: isoDate(row.occasionDate),
    feeScheduleVersionId: row.feeScheduleVersionId,
    durationMinutes: row.durationMinutes,
    travelMinutes: row.travelMinutes,
    countedMinutes: countedMinutes(row),
    preparationMinutes: row.preparationMinutes,
    hourly: row.hourly,
    category: row.category as FeeClaim["category"],
    mileageKm: row.mileageKm,
    fee: amount(row.grossOre),
    preparation: amount(row.preparationOre),
    mileage: amount(row.mileageOre),
    expensesTotal: amount(row.expensesOre),
    expenses: row.expenses.map((expense) => ({ description: expense.description, amount: amount(expense.amountOre) })),
    gross: amount(row.grossOre + row.preparationOre),
    withholding: amount(row.withholdingOre),
    net: amount(row.netOre),
    employerSocialFees: row.socialFeesOre === null ? null : amount(row.socialFeesOre),
    payoutMethod: row.feeScheduleVersion.payoutMethod as FeeClaim["payoutMethod"],
    costCentreCode: row.costCentre?.code ?? null,
    payerOrganisationId: row.payerOrganisationId,
    payerName: row.payerOrganisationId ? (context.payerNames.get(row.payerOrganisationId) ?? null) : null,
    rejectionReason: row.rejectionReason,
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
    submittedChannel: row.submittedChannel ? AnswerChannel[row.submittedChannel] : null,
    submittedRecordedByRole: row.submittedRecordedByRole,
    attestedAt: row.attestedAt,
    payrollExportId: row.payrollExportId,
    sentToPayrollAt: row.payrollExport?.createdAt ?? null,
    paidAt: row.paidAt,
    supersedesId: row.supersedesId,
    supersededById: row.supersededBy[0]?.id ?? null,
    version: row.version,
  };
}

/** A claim as the payroll file lists it. */
export function toPayrollClaim(row: ClaimRow): PayrollClaim {
  return {
    claimId: row.id,
    personReference: row.memberId,
    personName: participantName(row),
    costCentreCode: row.costCentre?.code ?? null,
    occasionDate: isoDate(row.occasionDate),
    category: row.category,
    countedMinutes: countedMinutes(row),
    preparationMinutes: row.preparationMinutes,
    grossOre: row.grossOre,
    preparationOre: row.preparationOre,
    mileageKm: row.mileageKm,
    mileageOre: row.mileageOre,
    expensesOre: row.expensesOre,
    withholdingOre: row.withholdingOre,
    netOre: row.netOre,
    payoutMethod: row.feeScheduleVersion.payoutMethod,
  };
}

/** What the audit log keeps of a claim: the figures and the status, not the person's name. */
export function claimSnapshot(row: ClaimRow) {
  return {
    id: row.id,
    status: row.status,
    occasionDate: isoDate(row.occasionDate),
    feeScheduleVersionId: row.feeScheduleVersionId,
    category: row.category,
    hourly: row.hourly,
    durationMinutes: row.durationMinutes,
    travelMinutes: row.travelMinutes,
    preparationMinutes: row.preparationMinutes,
    mileageKm: row.mileageKm,
    grossOre: row.grossOre,
    preparationOre: row.preparationOre,
    mileageOre: row.mileageOre,
    expensesOre: row.expensesOre,
    withholdingOre: row.withholdingOre,
    netOre: row.netOre,
    expenses: row.expenses.map((expense) => ({ description: expense.description, amountOre: expense.amountOre })),
    rejectionReason: row.rejectionReason,
    payrollExportId: row.payrollExportId,
    supersedesId: row.supersedesId,
    version: row.version,
  };
}

import { isAgreementSigned } from "@medverkan/domain";
import type { AssignmentRow } from "./assignment.repository.js";
import { type Assignment, AssignmentStatus } from "./assignment.type.js";

const isoDate = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

/** The same fields for the unit's and the participant's view; who holds the place is not among them. */
export const toAssignment = (row: AssignmentRow): Assignment => ({
  id: row.id,
  tenantId: row.tenantId,
  requestId: row.requestId,
  status: AssignmentStatus[row.status],
  agreementRequired: row.agreementRequired,
  agreementSigned: isAgreementSigned(row),
  agreementSignedByMemberAt: row.agreementSignedByMemberAt,
  agreementSignedByUnitAt: row.agreementSignedByUnitAt,
  agreementValidFrom: isoDate(row.agreementValidFrom),
  agreementValidTo: isoDate(row.agreementValidTo),
  agreementScope: row.agreementScope,
  cancelledAt: row.cancelledAt,
  cancellationReason: row.cancellationReason,
  createdAt: row.createdAt,
  version: row.version,
});

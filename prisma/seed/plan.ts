// The seed first builds, in memory, every row one tenant should have (a TenantPlan), then writes the plan with
// upserts. Building first keeps the planning pure and deterministic (it can be checked before anything is written,
// and derived facts such as a membership's last invitation are computed from the whole picture), and keeps the
// writer a plain list of upserts in foreign-key order.
//
// Rows are planned without `tenantId`: the tenant's id is only known once its row exists (an existing tenant keeps
// the id it has), and the writer adds it. Each row type is both a valid create and a valid update input, so the
// same object serves both halves of an upsert.
import type { FeeClaimAttester, Prisma } from "../src/index.js";

type Row<Create, Update> = Omit<Create, "tenantId"> & Omit<Update, "tenantId">;
type IdRow<Create, Update> = Row<Create, Update> & { id: string };

export type IntakeRuleSetRow = IdRow<Prisma.IntakeRuleSetUncheckedCreateInput, Prisma.IntakeRuleSetUncheckedUpdateInput>;
export type RequestFormRow = IdRow<Prisma.RequestFormUncheckedCreateInput, Prisma.RequestFormUncheckedUpdateInput>;
export type AssignmentTypeRow = IdRow<Prisma.AssignmentTypeUncheckedCreateInput, Prisma.AssignmentTypeUncheckedUpdateInput>;
export type FeeScheduleRow = IdRow<Prisma.FeeScheduleUncheckedCreateInput, Prisma.FeeScheduleUncheckedUpdateInput>;
export type FeeScheduleVersionRow = IdRow<Prisma.FeeScheduleVersionUncheckedCreateInput, Prisma.FeeScheduleVersionUncheckedUpdateInput>;
export type ConsentTextRow = IdRow<Prisma.ConsentTextUncheckedCreateInput, Prisma.ConsentTextUncheckedUpdateInput>;
export type ExperienceTagRow = IdRow<Prisma.ExperienceTagUncheckedCreateInput, Prisma.ExperienceTagUncheckedUpdateInput>;
export type OrganisationRow = IdRow<Prisma.OrganisationUncheckedCreateInput, Prisma.OrganisationUncheckedUpdateInput>;
export type UnitRow = IdRow<Prisma.UnitUncheckedCreateInput, Prisma.UnitUncheckedUpdateInput>;
export type CostCentreRow = IdRow<Prisma.CostCentreUncheckedCreateInput, Prisma.CostCentreUncheckedUpdateInput>;
export type NetworkRow = IdRow<Prisma.NetworkUncheckedCreateInput, Prisma.NetworkUncheckedUpdateInput>;
export type StaffUserRow = IdRow<Prisma.StaffUserUncheckedCreateInput, Prisma.StaffUserUncheckedUpdateInput>;
export type RoleGrantRow = IdRow<Prisma.RoleGrantUncheckedCreateInput, Prisma.RoleGrantUncheckedUpdateInput>;
export type TrainingSessionRow = IdRow<Prisma.TrainingSessionUncheckedCreateInput, Prisma.TrainingSessionUncheckedUpdateInput>;
export type MemberRow = IdRow<Prisma.MemberUncheckedCreateInput, Prisma.MemberUncheckedUpdateInput>;
export type MemberExperienceRow = Row<Prisma.MemberExperienceUncheckedCreateInput, Prisma.MemberExperienceUncheckedUpdateInput>;
export type MemberPauseRow = IdRow<Prisma.MemberPauseUncheckedCreateInput, Prisma.MemberPauseUncheckedUpdateInput>;
export type MemberRevisionRow = IdRow<Prisma.MemberRevisionUncheckedCreateInput, Prisma.MemberRevisionUncheckedUpdateInput>;
export type GuardianRow = IdRow<Prisma.GuardianUncheckedCreateInput, Prisma.GuardianUncheckedUpdateInput>;
export type MembershipRow = IdRow<Prisma.MembershipUncheckedCreateInput, Prisma.MembershipUncheckedUpdateInput>;
export type MembershipEventRow = IdRow<Prisma.MembershipEventUncheckedCreateInput, Prisma.MembershipEventUncheckedUpdateInput>;
export type DuplicateCandidateRow = IdRow<Prisma.DuplicateCandidateUncheckedCreateInput, Prisma.DuplicateCandidateUncheckedUpdateInput>;
export type ConsentRow = IdRow<Prisma.ConsentUncheckedCreateInput, Prisma.ConsentUncheckedUpdateInput>;
export type TrainingEnrolmentRow = IdRow<Prisma.TrainingEnrolmentUncheckedCreateInput, Prisma.TrainingEnrolmentUncheckedUpdateInput>;
export type RequestRow = IdRow<Prisma.RequestUncheckedCreateInput, Prisma.RequestUncheckedUpdateInput>;
export type RequestExperienceTagRow = Row<Prisma.RequestExperienceTagUncheckedCreateInput, Prisma.RequestExperienceTagUncheckedUpdateInput>;
export type RequestEventRow = IdRow<Prisma.RequestEventUncheckedCreateInput, Prisma.RequestEventUncheckedUpdateInput>;
export type OccasionRow = IdRow<Prisma.OccasionUncheckedCreateInput, Prisma.OccasionUncheckedUpdateInput>;
export type InvitationRow = IdRow<Prisma.InvitationUncheckedCreateInput, Prisma.InvitationUncheckedUpdateInput>;
export type AssignmentRow = IdRow<Prisma.AssignmentUncheckedCreateInput, Prisma.AssignmentUncheckedUpdateInput>;
export type AttendanceRow = IdRow<Prisma.AttendanceUncheckedCreateInput, Prisma.AttendanceUncheckedUpdateInput>;
export type PayrollExportRow = IdRow<Prisma.PayrollExportUncheckedCreateInput, Prisma.PayrollExportUncheckedUpdateInput>;
export type FeeClaimRow = IdRow<Prisma.FeeClaimUncheckedCreateInput, Prisma.FeeClaimUncheckedUpdateInput>;
export type FeeClaimExpenseRow = IdRow<Prisma.FeeClaimExpenseUncheckedCreateInput, Prisma.FeeClaimExpenseUncheckedUpdateInput>;
export type FeedbackRow = IdRow<Prisma.FeedbackUncheckedCreateInput, Prisma.FeedbackUncheckedUpdateInput>;
export type DataSubjectRequestRow = IdRow<Prisma.DataSubjectRequestUncheckedCreateInput, Prisma.DataSubjectRequestUncheckedUpdateInput>;

export interface TenantRowPlan {
  slug: string;
  name: string;
  locale: string;
  timeZone: string;
  currency: string;
  tokenAudience: string;
  memberRetentionMonths: number | null;
  invitationExpiryDays: number;
  feeClaimAttester: FeeClaimAttester;
  paysByBankAccount: boolean;
  allowsParticipantsOutsidePool: boolean;
  settings: Prisma.InputJsonObject;
  createdAt: Date;
}

/** Every row of one tenant, in the order the writer inserts them (foreign keys point backwards only). */
export interface TenantPlan {
  tenant: TenantRowPlan;
  intakeRuleSets: IntakeRuleSetRow[];
  requestForms: RequestFormRow[];
  assignmentTypes: AssignmentTypeRow[];
  feeSchedules: FeeScheduleRow[];
  feeScheduleVersions: FeeScheduleVersionRow[];
  consentTexts: ConsentTextRow[];
  experienceTags: ExperienceTagRow[];
  organisations: OrganisationRow[];
  units: UnitRow[];
  costCentres: CostCentreRow[];
  networks: NetworkRow[];
  staffUsers: StaffUserRow[];
  roleGrants: RoleGrantRow[];
  trainingSessions: TrainingSessionRow[];
  members: MemberRow[];
  memberExperiences: MemberExperienceRow[];
  memberPauses: MemberPauseRow[];
  memberRevisions: MemberRevisionRow[];
  guardians: GuardianRow[];
  memberships: MembershipRow[];
  membershipEvents: MembershipEventRow[];
  duplicateCandidates: DuplicateCandidateRow[];
  trainingEnrolments: TrainingEnrolmentRow[];
  requests: RequestRow[];
  requestExperienceTags: RequestExperienceTagRow[];
  requestEvents: RequestEventRow[];
  occasions: OccasionRow[];
  /** Written after requests: a contact-sharing consent names its request, and an invitation names its consent. */
  consents: ConsentRow[];
  invitations: InvitationRow[];
  assignments: AssignmentRow[];
  attendances: AttendanceRow[];
  payrollExports: PayrollExportRow[];
  /** Corrections come after the claims they supersede. */
  feeClaims: FeeClaimRow[];
  feeClaimExpenses: FeeClaimExpenseRow[];
  feedback: FeedbackRow[];
  dataSubjectRequests: DataSubjectRequestRow[];
}

export function emptyPlan(tenant: TenantRowPlan): TenantPlan {
  return {
    tenant,
    intakeRuleSets: [],
    requestForms: [],
    assignmentTypes: [],
    feeSchedules: [],
    feeScheduleVersions: [],
    consentTexts: [],
    experienceTags: [],
    organisations: [],
    units: [],
    costCentres: [],
    networks: [],
    staffUsers: [],
    roleGrants: [],
    trainingSessions: [],
    members: [],
    memberExperiences: [],
    memberPauses: [],
    memberRevisions: [],
    guardians: [],
    memberships: [],
    membershipEvents: [],
    duplicateCandidates: [],
    trainingEnrolments: [],
    requests: [],
    requestExperienceTags: [],
    requestEvents: [],
    occasions: [],
    consents: [],
    invitations: [],
    assignments: [],
    attendances: [],
    payrollExports: [],
    feeClaims: [],
    feeClaimExpenses: [],
    feedback: [],
    dataSubjectRequests: [],
  };
}

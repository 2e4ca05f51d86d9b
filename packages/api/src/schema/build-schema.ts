import { type GraphQLSchema, isNonNullType, lexicographicSortSchema, printSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { buildSchema, type ClassType, type NonEmptyArray } from "type-graphql";
import { AssignmentResolver, MyAssignmentResolver, RequestAssignmentsResolver } from "../assignment/assignment.resolver.js";
import { AuditResolver } from "../audit/audit.resolver.js";
import { connectionEdgeResolvers } from "../common/pagination/connection.js";
import { DocumentResolver } from "../document/document.resolver.js";
import { FeeClaimResolver } from "../fee-claim/fee-claim.resolver.js";
import { FeeScheduleResolver, NetworkFeeScheduleResolver } from "../fee-schedule/fee-schedule.resolver.js";
import { IdentityProviderResolver, TenantIdentityProvidersResolver } from "../identity/identity-provider.resolver.js";
import { PlatformSignInResolver } from "../identity/platform-sign-in.resolver.js";
import { IntakeAppointmentResolver, MembershipAppointmentsResolver } from "../intake/appointment.resolver.js";
import { IntakeResolver, MemberGuardiansResolver, MembershipIntakeResolver } from "../intake/intake.resolver.js";
import { IntakeRuleSetResolver, NetworkIntakeResolver } from "../intake-rules/intake-rules.resolver.js";
import { InvitationResolver, MyInvitationResolver, RequestInvitationsResolver } from "../invitation/invitation.resolver.js";
import { LiveResolver } from "../live/live.resolver.js";
import { LoginResolver } from "../login/login.resolver.js";
import { MatchingResolver, RequestCandidatesResolver } from "../matching/matching.resolver.js";
import { ExperienceTagResolver, MemberResolver, MembershipResolver } from "../member/member.resolver.js";
import { NetworkResolver } from "../network/network.resolver.js";
import { NodeResolver } from "../node/node.resolver.js";
import { InboxResolver } from "../notification/inbox.resolver.js";
import { NotificationResolver } from "../notification/notification.resolver.js";
import { CostCentreResolver, OrganisationResolver, UnitResolver } from "../organisation/organisation.resolver.js";
import { PayrollExportResolver } from "../payroll/payroll.resolver.js";
import { PayrollDetailsResolver } from "../payroll-details/payroll-details.resolver.js";
import { PriceBaseAmountResolver } from "../price-base-amount/price-base-amount.resolver.js";
import { PrivacyResolver } from "../privacy/privacy.resolver.js";
import { RegistrationResolver } from "../registration/registration.resolver.js";
import { RegistrationFormResolver, TenantRegistrationFormResolver } from "../registration-form/registration-form.resolver.js";
import { MemberRepresentationResolver, RepresentationResolver } from "../representation/representation.resolver.js";
import { DirectBookingResolver } from "../request/direct-booking.resolver.js";
import { OutsidePoolParticipantResolver } from "../request/outside-pool-participant.resolver.js";
import { RequestResolver } from "../request/request.resolver.js";
import { RequestOptionsResolver } from "../request/request-options.resolver.js";
import {
  AssignmentTypeResolver,
  NetworkRequestFormResolver,
  RequestFormResolver,
  TenantAssignmentTypesResolver,
} from "../request-form/request-form.resolver.js";
import { MemberSelfServiceResolver, SelfServiceResolver } from "../self-service/self-service.resolver.js";
import { StaffRoleGrantResolver, StaffUserResolver } from "../staff/staff.resolver.js";
import { PlatformStatisticsResolver } from "../statistics/platform-statistics.resolver.js";
import { StatisticsResolver } from "../statistics/statistics.resolver.js";
import { TaxonomyResolver, TenantTaxonomyResolver } from "../taxonomy/taxonomy.resolver.js";
import { TenantResolver } from "../tenant/tenant.resolver.js";
import { TenantAdminResolver } from "../tenant/tenant-admin.resolver.js";
import {
  NetworkTrainingResolver,
  TrainingEnrolmentResolver,
  TrainingSessionResolver,
  TrainingSessionSummaryResolver,
} from "../training/training.resolver.js";
import { RoleGrantResolver, ViewerResolver } from "../viewer/viewer.resolver.js";
import { VocabularyResolver } from "../vocabulary/vocabulary.resolver.js";
import { createPermissions } from "./permissions.js";

const resolvers = [
  DocumentResolver,
  NotificationResolver,
  InboxResolver,
  LiveResolver,
  TenantIdentityProvidersResolver,
  IdentityProviderResolver,
  PlatformSignInResolver,
  LoginResolver,
  TenantResolver,
  TenantAdminResolver,
  NetworkResolver,
  MemberResolver,
  MembershipResolver,
  ExperienceTagResolver,
  ViewerResolver,
  RoleGrantResolver,
  RegistrationResolver,
  FeeScheduleResolver,
  NetworkFeeScheduleResolver,
  PriceBaseAmountResolver,
  IntakeRuleSetResolver,
  IntakeResolver,
  IntakeAppointmentResolver,
  MembershipIntakeResolver,
  MembershipAppointmentsResolver,
  MemberGuardiansResolver,
  NetworkIntakeResolver,
  RequestFormResolver,
  AssignmentTypeResolver,
  NetworkRequestFormResolver,
  TenantAssignmentTypesResolver,
  RegistrationFormResolver,
  TenantRegistrationFormResolver,
  OrganisationResolver,
  UnitResolver,
  CostCentreResolver,
  TaxonomyResolver,
  TenantTaxonomyResolver,
  StaffUserResolver,
  StaffRoleGrantResolver,
  SelfServiceResolver,
  MemberSelfServiceResolver,
  TrainingSessionResolver,
  TrainingSessionSummaryResolver,
  TrainingEnrolmentResolver,
  NetworkTrainingResolver,
  MatchingResolver,
  RequestCandidatesResolver,
  PrivacyResolver,
  AuditResolver,
  StatisticsResolver,
  PlatformStatisticsResolver,
  RequestResolver,
  DirectBookingResolver,
  OutsidePoolParticipantResolver,
  RepresentationResolver,
  MemberRepresentationResolver,
  RequestOptionsResolver,
  InvitationResolver,
  MyInvitationResolver,
  RequestInvitationsResolver,
  AssignmentResolver,
  MyAssignmentResolver,
  RequestAssignmentsResolver,
  FeeClaimResolver,
  PayrollExportResolver,
  PayrollDetailsResolver,
  VocabularyResolver,
  NodeResolver,
] as const;

/**
 * type-graphql asks for a PubSub once there are subscriptions; ours bring their own feeds (live/live.service.ts: the
 * database's NOTIFY, re-read through the services), so topics are never used.
 */
const NO_TOPICS = {
  publish(): void {
    throw new Error("Subscriptions have no topics: each reads its own feed (live/live.service.ts).");
  },
  subscribe(): AsyncIterable<never> {
    throw new Error("Subscriptions have no topics: each reads its own feed (live/live.service.ts).");
  },
};

/** The schema as type-graphql builds it from the code, before permissions are applied. */
export async function buildBareSchema(): Promise<GraphQLSchema> {
  // Input validation lives in @medverkan/domain (field-level, bilingual), not in class-validator decorators.
  // The connections' `edges` resolvers exist once every type module above has made its connections.
  const all = [...resolvers, ...connectionEdgeResolvers] as unknown as NonEmptyArray<ClassType>;
  return withNullableQueryRoots(await buildSchema({ resolvers: all, validate: false, pubSub: NO_TOPICS }));
}

/**
 * Composable pages: every root query field is nullable, whatever its resolver declares, so a field that is refused
 * (FORBIDDEN, NOT_FOUND, a failure) becomes `null` with its error and the rest of the page keeps its data. One
 * convention here rather than `nullable: true` on some hundred decorators. Mutations keep their non-null payloads:
 * an operation runs one, and its typed `errors` carry the expected outcomes.
 */
function withNullableQueryRoots(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  for (const field of Object.values(query?.getFields() ?? {})) {
    if (isNonNullType(field.type)) field.type = field.type.ofType;
  }
  return schema;
}

/** The executable schema: every field behind the permission map (deny by default). */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  return applyMiddleware(await buildBareSchema(), createPermissions());
}

/** The SDL checked in at schema/schema.graphql; sorted so that it only changes when the API does. */
export async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildBareSchema()))}\n`;
}

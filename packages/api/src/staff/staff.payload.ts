import type { Locale } from "@medverkan/domain";
import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { StaffRoleGrant, StaffUser } from "./staff.type.js";

@ObjectType({ implements: ErrorResult, description: "Another staff user of the tenant already signs in with this subject." })
export class SubjectTaken extends ErrorResult {
  @Field(() => String)
  subject!: string;
}

@ObjectType({
  implements: ErrorResult,
  description: "The change would leave the tenant without an enabled tenant-wide administrator; grant the role to someone else first.",
})
export class LastTenantAdmin extends ErrorResult {}

export function subjectTaken(subject: string, locale: Locale): SubjectTaken {
  const messages = {
    sv: "Det finns redan en medarbetare med det användar-id:t.",
    en: "There is already a staff user with this subject.",
  };
  return errorResult(SubjectTaken, "SUBJECT_TAKEN", messages, locale, { subject });
}

@ObjectType({ implements: ErrorResult, description: "Another staff user of the tenant is already invited with this identifier." })
export class IdentifierTaken extends ErrorResult {
  @Field(() => String)
  identifier!: string;
}

export function identifierTaken(identifier: string, locale: Locale): IdentifierTaken {
  const messages = {
    sv: "Det finns redan en medarbetare som är inbjuden med den identiteten.",
    en: "There is already a staff user invited with this identifier.",
  };
  return errorResult(IdentifierTaken, "IDENTIFIER_TAKEN", messages, locale, { identifier });
}

export function lastTenantAdmin(locale: Locale): LastTenantAdmin {
  const messages = {
    sv: "Regionen måste ha minst en administratör. Ge någon annan administratörsrollen först.",
    en: "The tenant must keep at least one administrator. Grant the administrator role to someone else first.",
  };
  return errorResult(LastTenantAdmin, "LAST_TENANT_ADMIN", messages, locale);
}

export const CreateStaffUserError = createUnionType({ name: "CreateStaffUserError", types: () => [SubjectTaken] as const });
export const InviteStaffUserError = createUnionType({ name: "InviteStaffUserError", types: () => [IdentifierTaken] as const });
export const UpdateStaffUserError = createUnionType({ name: "UpdateStaffUserError", types: () => [NotFound] as const });
export const DisableStaffUserError = createUnionType({ name: "DisableStaffUserError", types: () => [NotFound, LastTenantAdmin] as const });
export const EnableStaffUserError = createUnionType({ name: "EnableStaffUserError", types: () => [NotFound] as const });
export const GrantRoleError = createUnionType({ name: "GrantRoleError", types: () => [NotFound] as const });
export const RevokeRoleError = createUnionType({ name: "RevokeRoleError", types: () => [NotFound, LastTenantAdmin] as const });

@ObjectType()
export class CreateStaffUserPayload {
  @Field(() => StaffUser, { nullable: true })
  staffUser!: StaffUser | null;

  @Field(() => [CreateStaffUserError])
  errors!: Array<typeof CreateStaffUserError>;
}

@ObjectType()
export class InviteStaffUserPayload {
  @Field(() => StaffUser, { nullable: true })
  staffUser!: StaffUser | null;

  @Field(() => [InviteStaffUserError])
  errors!: Array<typeof InviteStaffUserError>;
}

@ObjectType()
export class UpdateStaffUserPayload {
  @Field(() => StaffUser, { nullable: true })
  staffUser!: StaffUser | null;

  @Field(() => [UpdateStaffUserError])
  errors!: Array<typeof UpdateStaffUserError>;
}

@ObjectType()
export class DisableStaffUserPayload {
  @Field(() => StaffUser, { nullable: true })
  staffUser!: StaffUser | null;

  @Field(() => [DisableStaffUserError])
  errors!: Array<typeof DisableStaffUserError>;
}

@ObjectType()
export class EnableStaffUserPayload {
  @Field(() => StaffUser, { nullable: true })
  staffUser!: StaffUser | null;

  @Field(() => [EnableStaffUserError])
  errors!: Array<typeof EnableStaffUserError>;
}

@ObjectType()
export class GrantRolePayload {
  @Field(() => StaffRoleGrant, { nullable: true, description: "The grant (the existing one when the role was already granted)." })
  roleGrant!: StaffRoleGrant | null;

  @Field(() => [GrantRoleError])
  errors!: Array<typeof GrantRoleError>;
}

@ObjectType()
export class RevokeRolePayload {
  @Field(() => StaffRoleGrant, { nullable: true })
  roleGrant!: StaffRoleGrant | null;

  @Field(() => [RevokeRoleError])
  errors!: Array<typeof RevokeRoleError>;
}

import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { ConsentText, Tenant, TenantSettings } from "./tenant.type.js";

@ObjectType({ implements: ErrorResult, description: "Another tenant already uses this slug." })
export class TenantSlugTaken extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "Another tenant already trusts this issuer for this audience." })
export class IssuerAudienceTaken extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "This version of the consent text already exists; versions are never rewritten." })
export class ConsentTextVersionExists extends ErrorResult {}

export const CreateTenantError = createUnionType({
  name: "CreateTenantError",
  types: () => [TenantSlugTaken, IssuerAudienceTaken] as const,
});
export const PublishConsentTextError = createUnionType({
  name: "PublishConsentTextError",
  types: () => [ConsentTextVersionExists] as const,
});

export const UpdateTenantSettingsError = createUnionType({
  name: "UpdateTenantSettingsError",
  types: () => [NotFound] as const,
});

@ObjectType()
export class CreateTenantPayload {
  @Field(() => Tenant, { nullable: true })
  tenant!: Tenant | null;

  @Field(() => [CreateTenantError])
  errors!: Array<typeof CreateTenantError>;
}

@ObjectType()
export class PublishConsentTextPayload {
  @Field(() => ConsentText, { nullable: true })
  consentText!: ConsentText | null;

  @Field(() => [PublishConsentTextError])
  errors!: Array<typeof PublishConsentTextError>;
}

@ObjectType()
export class UpdateTenantSettingsPayload {
  @Field(() => TenantSettings, { nullable: true, description: "The settings as they are now." })
  settings!: TenantSettings | null;

  @Field(() => [UpdateTenantSettingsError])
  errors!: Array<typeof UpdateTenantSettingsError>;
}

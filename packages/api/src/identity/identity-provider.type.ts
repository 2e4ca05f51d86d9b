import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum IdentityProviderKind {
  CITIZEN = "CITIZEN",
  STAFF = "STAFF",
  ALL = "ALL",
}
registerEnumType(IdentityProviderKind, {
  name: "IdentityProviderKind",
  description: "Who signs in through an identity provider: citizens (members), staff, or both (the development provider).",
});

@ObjectType({
  description:
    "An OpenID Connect issuer the tenant trusts. A browser signs in with authorization code + PKCE at `issuer` (discovery at `<issuer>/.well-known/openid-configuration`), `scope=openid` and `resource=<audience>`, and sends the access token as `Authorization: Bearer`.",
})
export class IdentityProvider {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "What a sign-in button says, e.g. 'BankID via Region Kalmar län'." })
  name!: string;

  @Field(() => IdentityProviderKind)
  kind!: IdentityProviderKind;

  @Field(() => String, { description: "The issuer (`iss`) URL." })
  issuer!: string;

  @Field(() => String, { description: "The audience (`aud`) tokens for this tenant carry; ask for it as `resource`." })
  audience!: string;

  @Field(() => String, { nullable: true, description: "The public browser client id registered at the issuer, if any." })
  clientId!: string | null;

  @Field(() => String, { nullable: true, description: "Where the issuer publishes its signing keys (else keys are configured inline)." })
  jwksUrl!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The claim carrying the person's identifier: `personal_identity_number` for citizens, `hsa_id` or `email` for staff.",
  })
  identifierClaim!: string | null;

  @Field(() => Boolean, { description: "Mirrors the tenant's own token settings (createTenant); changed with those." })
  isPrimary!: boolean;

  @Field(() => Date, { nullable: true })
  disabledAt!: Date | null;

  @Field(() => Int, { description: "Send back as expectedVersion when changing it." })
  version!: number;
}

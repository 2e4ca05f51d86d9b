import { Field, ID, InputType, Int } from "type-graphql";
import { IdentityProviderKind } from "./identity-provider.type.js";

@InputType({ description: "An OpenID Connect issuer the tenant is to trust." })
export class AddIdentityProviderInput {
  @Field(() => String)
  name!: string;

  @Field(() => IdentityProviderKind)
  kind!: IdentityProviderKind;

  @Field(() => String, { description: "The issuer URL (`iss`), https." })
  issuer!: string;

  @Field(() => String, { description: "The audience (`aud`) tokens for this tenant carry." })
  audience!: string;

  @Field(() => String, { nullable: true, description: "Where the issuer publishes its keys (https); or give publicKeys." })
  jwksUrl?: string | null;

  @Field(() => String, { nullable: true, description: "A JSON Web Key Set as JSON text (public keys only)." })
  publicKeys?: string | null;

  @Field(() => String, { nullable: true, description: "The public browser client id registered at the issuer." })
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: "`personal_identity_number`, `hsa_id` or `email`." })
  identifierClaim?: string | null;
}

@InputType({ description: "The whole configuration of an identity provider, replacing what it was." })
export class UpdateIdentityProviderInput extends AddIdentityProviderInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed it since, the update fails with CONFLICT." })
  expectedVersion!: number;
}

@InputType({ description: "Stops trusting an identity provider: its tokens are refused from now on; its logins stay linked." })
export class DisableIdentityProviderInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

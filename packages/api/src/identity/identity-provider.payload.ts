import { createUnionType, Field, ObjectType } from "type-graphql";
import { NotFound } from "../common/errors/not-found.js";
import { IssuerAudienceTaken } from "../tenant/tenant-admin.payload.js";
import { IdentityProvider } from "./identity-provider.type.js";

export const IdentityProviderError = createUnionType({
  name: "IdentityProviderError",
  types: () => [NotFound, IssuerAudienceTaken] as const,
});

@ObjectType()
export class IdentityProviderPayload {
  @Field(() => IdentityProvider, { nullable: true })
  identityProvider!: IdentityProvider | null;

  @Field(() => [IdentityProviderError])
  errors!: (typeof IdentityProviderError)[];
}

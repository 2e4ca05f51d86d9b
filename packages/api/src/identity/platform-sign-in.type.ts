import { Field, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "Where platform operators sign in with a browser: authorization code + PKCE at `issuer` with `resource=<audience>`, like a tenant's identity provider. Not secret.",
})
export class PlatformSignIn {
  @Field(() => String, { description: "The issuer (`iss`) URL; discovery at `<issuer>/.well-known/openid-configuration`." })
  issuer!: string;

  @Field(() => String, { description: "The platform's audience (`aud`); ask for it as `resource`." })
  audience!: string;

  @Field(() => String, { description: "The public browser client id registered at the issuer." })
  clientId!: string;
}

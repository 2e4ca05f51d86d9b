import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum LoginLinkMethod {
  MIGRATED = "MIGRATED",
  REGISTRATION = "REGISTRATION",
  CLAIM_CODE = "CLAIM_CODE",
  IDENTITY_NUMBER = "IDENTITY_NUMBER",
  STAFF_INVITATION = "STAFF_INVITATION",
  ADMINISTRATOR = "ADMINISTRATOR",
}
registerEnumType(LoginLinkMethod, { name: "LoginLinkMethod", description: "How a login came to be linked to its person." });

export enum ClaimCodeChannel {
  EMAIL = "EMAIL",
  LETTER = "LETTER",
}
registerEnumType(ClaimCodeChannel, {
  name: "ClaimCodeChannel",
  description: "How a claim code reaches the person: e-mailed through the outbox, or a letter text the coordinator posts.",
});

@ObjectType({ description: "A login (an identity provider's subject) linked to a member." })
export class LinkedLogin {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The identity provider's name, e.g. 'BankID via Region Kalmar län'." })
  identityProviderName!: string;

  @Field(() => LoginLinkMethod)
  method!: LoginLinkMethod;

  @Field(() => Date)
  linkedAt!: Date;

  @Field(() => Boolean, { description: "This request was made with this login." })
  current!: boolean;
}

@ObjectType({ description: "A claim code was issued. The code itself is shown only in the letter text (LETTER), once." })
export class IssuedClaimCode {
  @Field(() => ClaimCodeChannel)
  channel!: ClaimCodeChannel;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => String, { nullable: true, description: "LETTER: the letter to print and post, with the code. Null for EMAIL." })
  letterText!: string | null;
}

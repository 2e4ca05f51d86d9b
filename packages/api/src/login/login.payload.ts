import type { Locale } from "@medverkan/domain";
import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { IssuedClaimCode, LinkedLogin } from "./login.type.js";

@ObjectType({ implements: ErrorResult, description: "The claim code is wrong, has expired, or was already used (or replaced)." })
export class InvalidClaimCode extends ErrorResult {
  @Field(() => String, { description: "WRONG, EXPIRED or USED." })
  reason!: string;
}

@ObjectType({ implements: ErrorResult, description: "The login you signed in with is already linked to a person." })
export class LoginAlreadyLinked extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "The person already has a linked login; another one is never added this way." })
export class MemberAlreadyLinked extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "The person has no e-mail address; send the code by letter." })
export class NoEmailAddress extends ErrorResult {}

export const ClaimAccountError = createUnionType({
  name: "ClaimAccountError",
  types: () => [InvalidClaimCode, LoginAlreadyLinked, MemberAlreadyLinked] as const,
});
export const IssueClaimCodeError = createUnionType({
  name: "IssueClaimCodeError",
  types: () => [NotFound, NoEmailAddress, MemberAlreadyLinked] as const,
});
export const UnlinkLoginError = createUnionType({ name: "UnlinkLoginError", types: () => [NotFound] as const });

@ObjectType({
  implements: ErrorResult,
  description: "This is the login you are signed in with now; sign in another way, or ask another administrator.",
})
export class OwnCurrentLogin extends ErrorResult {}

export const UnlinkStaffLoginError = createUnionType({ name: "UnlinkStaffLoginError", types: () => [NotFound, OwnCurrentLogin] as const });

@ObjectType()
export class UnlinkStaffLoginPayload {
  @Field(() => Boolean)
  unlinked!: boolean;

  @Field(() => Boolean, { description: "The invitation links the next login with the invited identifier again." })
  invitationReopened!: boolean;

  @Field(() => [UnlinkStaffLoginError])
  errors!: (typeof UnlinkStaffLoginError)[];
}

export const ownCurrentLogin = (locale: Locale) =>
  errorResult(
    OwnCurrentLogin,
    "OWN_CURRENT_LOGIN",
    {
      sv: "Det är inloggningen du använder just nu, så den kan inte kopplas bort härifrån.",
      en: "This is the login you are signed in with now, so it cannot be unlinked from here.",
    },
    locale,
  );

@ObjectType()
export class ClaimAccountPayload {
  @Field(() => LinkedLogin, { nullable: true, description: "The login now linked to your membership." })
  login!: LinkedLogin | null;

  @Field(() => [ClaimAccountError])
  errors!: (typeof ClaimAccountError)[];
}

@ObjectType()
export class IssueClaimCodePayload {
  @Field(() => IssuedClaimCode, { nullable: true })
  claimCode!: IssuedClaimCode | null;

  @Field(() => [IssueClaimCodeError])
  errors!: (typeof IssueClaimCodeError)[];
}

@ObjectType()
export class UnlinkLoginPayload {
  @Field(() => Boolean)
  unlinked!: boolean;

  @Field(() => [UnlinkLoginError])
  errors!: (typeof UnlinkLoginError)[];
}

export const invalidClaimCode = (reason: "WRONG" | "EXPIRED" | "USED", locale: Locale) =>
  errorResult(
    InvalidClaimCode,
    "INVALID_CLAIM_CODE",
    reason === "EXPIRED"
      ? { sv: "Koden har slutat gälla. Be samordnaren om en ny.", en: "The code has expired. Ask the coordinator for a new one." }
      : reason === "USED"
        ? { sv: "Koden har redan använts eller ersatts av en ny.", en: "The code has already been used or replaced by a new one." }
        : { sv: "Koden stämmer inte. Kontrollera den och försök igen.", en: "The code is not right. Check it and try again." },
    locale,
    { reason },
  );

export const loginAlreadyLinked = (locale: Locale) =>
  errorResult(
    LoginAlreadyLinked,
    "LOGIN_ALREADY_LINKED",
    { sv: "Inloggningen är redan kopplad till en person.", en: "This sign-in is already linked to a person." },
    locale,
  );

export const memberAlreadyLinked = (locale: Locale) =>
  errorResult(
    MemberAlreadyLinked,
    "MEMBER_ALREADY_LINKED",
    {
      sv: "Personen har redan en kopplad inloggning. Kontakta samordnaren.",
      en: "The person already has a linked sign-in. Contact the coordinator.",
    },
    locale,
  );

export const noEmailAddress = (locale: Locale) =>
  errorResult(
    NoEmailAddress,
    "NO_EMAIL_ADDRESS",
    { sv: "Personen har ingen e-postadress. Skicka koden med brev.", en: "The person has no e-mail address. Send the code by letter." },
    locale,
  );

import type { ClaimFailure, Locale, LocalizedText } from "@medverkan/domain";
import { createUnionType, Field, ID, Int, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { FeeClaim, FeeClaimStatus } from "./fee-claim.type.js";

@ObjectType({ implements: ErrorResult, description: "The claim's status does not allow this step (e.g. changing an attested claim)." })
export class FeeClaimStatusDoesNotAllow extends ErrorResult {
  @Field(() => FeeClaimStatus)
  status!: FeeClaimStatus;
}

@ObjectType({ implements: ErrorResult, description: "Under the tenant's settings someone else attests this claim." })
export class NotTheAttester extends ErrorResult {}

@ObjectType({
  implements: ErrorResult,
  description: "No fee can be computed from these facts (not attended, no schedule on that date, hourly not offered …).",
})
export class FeeClaimNotComputable extends ErrorResult {
  @Field(() => String, {
    description:
      "NOT_ATTENDED, NO_SCHEDULE_VERSION, or a code of FeeFailureCode (NO_PRICE_BASE_AMOUNT, HOURLY_NOT_OFFERED, HOURLY_ONLY_FOR_SHORT, …).",
  })
  reason!: string;

  @Field(() => String, { nullable: true, description: "The input at fault, e.g. `input.hourly`." })
  field!: string | null;

  @Field(() => ID, { nullable: true, description: "The participant's assignment, when several claims were prepared at once." })
  assignmentId!: string | null;
}

export const feeClaimErrors = {
  statusDoesNotAllow: (status: FeeClaimStatus, message: LocalizedText, locale: Locale) =>
    errorResult(FeeClaimStatusDoesNotAllow, "FEE_CLAIM_STATUS_DOES_NOT_ALLOW", message, locale, { status }),
  notTheAttester: (locale: Locale) =>
    errorResult(
      NotTheAttester,
      "NOT_THE_ATTESTER",
      {
        sv: "Enligt regionens inställning attesteras underlaget av någon annan.",
        en: "Under the region's settings someone else attests this claim.",
      },
      locale,
    ),
  notComputable: (failure: ClaimFailure, locale: Locale, assignmentId: string | null = null) =>
    errorResult(FeeClaimNotComputable, "FEE_CLAIM_NOT_COMPUTABLE", failure.message, locale, {
      reason: failure.code,
      field: failure.field === null ? null : `input.${failure.field}`,
      assignmentId,
    }),
};

export const PrepareFeeClaimsError = createUnionType({
  name: "PrepareFeeClaimsError",
  types: () => [NotFound, FeeClaimNotComputable] as const,
});
export const UpdateFeeClaimError = createUnionType({
  name: "UpdateFeeClaimError",
  types: () => [NotFound, FeeClaimStatusDoesNotAllow, FeeClaimNotComputable] as const,
});
export const FeeClaimStepError = createUnionType({
  name: "FeeClaimStepError",
  types: () => [NotFound, FeeClaimStatusDoesNotAllow, NotTheAttester] as const,
});
export const CorrectFeeClaimError = createUnionType({
  name: "CorrectFeeClaimError",
  types: () => [NotFound, FeeClaimStatusDoesNotAllow, NotTheAttester, FeeClaimNotComputable] as const,
});

@ObjectType()
export class PrepareFeeClaimsPayload {
  @Field(() => [FeeClaim], {
    description: "The occasion's live claims you may see, new or already there: preparing twice creates nothing new.",
  })
  claims!: FeeClaim[];

  @Field(() => Int, { description: "How many draft claims this call created." })
  createdCount!: number;

  @Field(() => [PrepareFeeClaimsError], { description: "Participants for whom no claim could be computed, and why." })
  errors!: Array<typeof PrepareFeeClaimsError>;
}

@ObjectType()
export class UpdateFeeClaimPayload {
  @Field(() => FeeClaim, { nullable: true })
  claim!: FeeClaim | null;

  @Field(() => [UpdateFeeClaimError])
  errors!: Array<typeof UpdateFeeClaimError>;
}

@ObjectType({ description: "The claim after a step of its workflow (submit, attest, reject), or why the step was refused." })
export class FeeClaimStepPayload {
  @Field(() => FeeClaim, { nullable: true })
  claim!: FeeClaim | null;

  @Field(() => [FeeClaimStepError])
  errors!: Array<typeof FeeClaimStepError>;
}

@ObjectType()
export class CorrectFeeClaimPayload {
  @Field(() => FeeClaim, { nullable: true, description: "The new version (a draft to submit and attest again)." })
  claim!: FeeClaim | null;

  @Field(() => FeeClaim, { nullable: true, description: "The attested claim, now SUPERSEDED." })
  superseded!: FeeClaim | null;

  @Field(() => [CorrectFeeClaimError])
  errors!: Array<typeof CorrectFeeClaimError>;
}

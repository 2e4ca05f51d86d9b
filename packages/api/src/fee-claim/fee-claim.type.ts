import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { OrderByInput, type OrderByValue, SortDirection, type Sorting } from "../common/pagination/ordering.js";
import { FeeCategory, PayoutMethod } from "../fee-schedule/fee-schedule.type.js";
import { Money } from "../fee-schedule/money.type.js";
import { AnswerChannel } from "../invitation/invitation.type.js";
import { Node } from "../node/node.type.js";

export enum FeeClaimStatus {
  DRAFT = "DRAFT",
  SUBMITTED = "SUBMITTED",
  ATTESTED = "ATTESTED",
  SENT_TO_PAYROLL = "SENT_TO_PAYROLL",
  PAID = "PAID",
  REJECTED = "REJECTED",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(FeeClaimStatus, {
  name: "FeeClaimStatus",
  description:
    "DRAFT → SUBMITTED (the participant confirms the figures) → ATTESTED → SENT_TO_PAYROLL → PAID. REJECTED: sent back with a " +
    "reason, to be corrected and submitted again. SUPERSEDED: replaced by a corrected version after attestation.",
});

@ObjectType({ description: "An expense the participant paid and is reimbursed for." })
export class FeeClaimExpense {
  @Field(() => String)
  description!: string;

  @Field(() => Money)
  amount!: Money;
}

@ObjectType({
  implements: Node,
  description:
    "An arvodesunderlag: one participant's fee for one occasion, computed from attendance with the fee schedule valid on the " +
    "occasion's date. Personal data: only the participant, coordinators of the network and the requesters of the " +
    "unit that sent the request see it.",
})
export class FeeClaim {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  memberId!: string;
  networkId!: string;
  unitId!: string;

  @Field(() => FeeClaimStatus)
  status!: FeeClaimStatus;

  @Field(() => ID)
  occasionId!: string;

  @Field(() => ID)
  assignmentId!: string;

  @Field(() => ID)
  requestId!: string;

  @Field(() => String, { description: "The request's title, so the participant recognises the assignment." })
  requestTitle!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The participant's name as the payroll office needs it. Null for a requesting unit that may not know who the participant " +
      "is: without the participant's standing consent to share their contact details for this request, or after they " +
      "restricted processing (the rule behind `Request.participants`).",
  })
  participantName!: string | null;

  @Field(() => String, { description: "ISO date of the occasion (tenant's time zone): it picks the schedule version and the PBB year." })
  occasionDate!: string;

  @Field(() => ID, { description: "The fee schedule version the amounts were computed with." })
  feeScheduleVersionId!: string;

  @Field(() => Int, { description: "Length of the participant's part, from attendance." })
  durationMinutes!: number;

  @Field(() => Int, { description: "Travel time, from attendance; counts toward the category where the schedule says so." })
  travelMinutes!: number;

  @Field(() => Int, { description: "Minutes the category was chosen by: the occasion, plus travel when the schedule counts it." })
  countedMinutes!: number;

  @Field(() => Int, { description: "Agreed extra preparation." })
  preparationMinutes!: number;

  @Field(() => Boolean, { description: "The hourly rate was chosen instead of the short-occasion fee." })
  hourly!: boolean;

  @Field(() => FeeCategory)
  category!: FeeCategory;

  @Field(() => Int)
  mileageKm!: number;

  @Field(() => Money, { description: "The fee for the occasion (or the hours, when hourly)." })
  fee!: Money;

  @Field(() => Money, { description: "Paid extra preparation." })
  preparation!: Money;

  @Field(() => Money, { description: "Kilometres × the schedule's rate." })
  mileage!: Money;

  @Field(() => Money, { description: "The sum of the expenses." })
  expensesTotal!: Money;

  @Field(() => [FeeClaimExpense])
  expenses!: FeeClaimExpense[];

  @Field(() => Money, { description: "Fee plus preparation: the taxable part (gross salary when paid as salary)." })
  gross!: Money;

  @Field(() => Money, { description: "Tax withheld when paid as salary." })
  withholding!: Money;

  @Field(() => Money, { description: "What reaches the participant: gross − withholding + mileage + expenses." })
  net!: Money;

  @Field(() => Money, { nullable: true, description: "Employer's social fees for the payer, information only; never deducted." })
  employerSocialFees!: Money | null;

  @Field(() => PayoutMethod)
  payoutMethod!: PayoutMethod;

  @Field(() => String, { nullable: true, description: "The cost centre (ansvarskod) the fee is booked on." })
  costCentreCode!: string | null;

  @Field(() => ID, { nullable: true, description: "Who pays: the region's payroll, or a municipality that pays its own participants." })
  payerOrganisationId!: string | null;

  @Field(() => String, { nullable: true })
  payerName!: string | null;

  @Field(() => String, { nullable: true, description: "Why the claim was last sent back." })
  rejectionReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the participant confirmed the figures (the date signed, for a paper form)." })
  submittedAt!: Date | null;

  @Field(() => AnswerChannel, {
    nullable: true,
    description: "PAPER when a coordinator recorded the participant's confirmation signed on paper; null when confirmed in the app.",
  })
  submittedChannel!: AnswerChannel | null;

  @Field(() => String, { nullable: true, description: "The role of whoever recorded the paper confirmation (COORDINATOR)." })
  submittedRecordedByRole!: string | null;

  @Field(() => Date, { nullable: true })
  attestedAt!: Date | null;

  @Field(() => ID, { nullable: true })
  payrollExportId!: string | null;

  @Field(() => Date, { nullable: true, description: "When the claim went to payroll." })
  sentToPayrollAt!: Date | null;

  @Field(() => Date, { nullable: true })
  paidAt!: Date | null;

  @Field(() => ID, { nullable: true, description: "The attested claim this version corrects." })
  supersedesId!: string | null;

  @Field(() => ID, { nullable: true, description: "The correction that replaced this claim." })
  supersededById!: string | null;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when acting on the claim." })
  version!: number;
}

export const FeeClaimConnection = Connection(FeeClaim, "FeeClaim");

@InputType({ description: "Narrows the claims a coordinator or requester sees." })
export class FeeClaimFilter {
  @Field(() => [FeeClaimStatus], { nullable: true })
  statuses?: FeeClaimStatus[] | null;

  @Field(() => ID, { nullable: true })
  networkId?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  occasionId?: string | null;

  @Field(() => ID, { nullable: true })
  memberId?: string | null;

  @Field(() => String, { nullable: true, description: "ISO date: occasions on or after." })
  occasionFrom?: string | null;

  @Field(() => String, { nullable: true, description: "ISO date: occasions on or before." })
  occasionTo?: string | null;
}

export enum FeeClaimOrderField {
  CREATED_AT = "CREATED_AT",
  OCCASION_DATE = "OCCASION_DATE",
}
registerEnumType(FeeClaimOrderField, {
  name: "FeeClaimOrderField",
  description: "CREATED_AT: the order claims were prepared (by id); OCCASION_DATE: the occasion's date.",
});

/** Fee claims: oldest first by default (today's order). */
export const feeClaimSorting: Sorting<FeeClaimOrderField, FeeClaim> = {
  list: "feeClaims",
  fields: {
    CREATED_AT: { type: "uuid", key: (claim) => claim.id },
    OCCASION_DATE: { type: "date", key: (claim) => new Date(`${claim.occasionDate}T00:00:00Z`) },
  },
  default: { field: FeeClaimOrderField.CREATED_AT, direction: SortDirection.ASC },
};

export const FeeClaimOrderBy = OrderByInput("FeeClaimOrderBy", FeeClaimOrderField, feeClaimSorting.default);
export type FeeClaimOrderBy = OrderByValue<FeeClaimOrderField>;

import { EXCLUSION_CODES, MATCH_REASON_CODES } from "@medverkan/domain";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { AgeBand, Member } from "../member/member.type.js";

// The GraphQL enums are the domain's code lists, so a new rule cannot be added in one place and forgotten in the other.
export const CandidateReasonCode = Object.fromEntries(MATCH_REASON_CODES.map((code) => [code, code])) as {
  [K in (typeof MATCH_REASON_CODES)[number]]: K;
};
export type CandidateReasonCode = (typeof MATCH_REASON_CODES)[number];
registerEnumType(CandidateReasonCode, {
  name: "CandidateReasonCode",
  description: "Why a candidate has the rank they have: fit, availability, fairness, or the spread of the shortlist.",
});

export const CandidateExclusionCode = Object.fromEntries(EXCLUSION_CODES.map((code) => [code, code])) as {
  [K in (typeof EXCLUSION_CODES)[number]]: K;
};
export type CandidateExclusionCode = (typeof EXCLUSION_CODES)[number];
registerEnumType(CandidateExclusionCode, {
  name: "CandidateExclusionCode",
  description: "Why an active member of the network is not among the candidates.",
});

@ObjectType({ description: "One reason behind a candidate's score; the points of all reasons add up to the score." })
export class CandidateReason {
  @Field(() => CandidateReasonCode)
  code!: CandidateReasonCode;

  @Field(() => Int, { description: "What this reason adds to the score; negative lowers it, 0 is for information." })
  points!: number;

  @Field(() => String, { description: "In the request's language." })
  message!: string;

  @Field(() => String)
  messageSv!: string;

  @Field(() => String)
  messageEn!: string;
}

@ObjectType({ description: "A member of the network's active pool, ranked for a request, with the reasons for the rank." })
export class RequestCandidate {
  @Field(() => Int, { description: "1 for the best candidate." })
  rank!: number;

  @Field(() => Int)
  score!: number;

  @Field(() => AgeBand, { nullable: true })
  ageBand!: AgeBand | null;

  @Field(() => [CandidateReason])
  reasons!: CandidateReason[];

  @Field(() => Member, { description: "The member's profile (an audited read)." })
  member!: Member;
}

@ObjectType({ description: "How many active members of the network are left out, and why." })
export class CandidateExclusion {
  @Field(() => CandidateExclusionCode)
  code!: CandidateExclusionCode;

  @Field(() => Int)
  count!: number;

  @Field(() => String, { description: "In the request's language." })
  message!: string;
}

@ObjectType({
  description:
    "Ranked candidates for a request from the network's active pool (never restricted or erased members). Members already " +
    "invited to the request, those who declined it, and those paused on every occasion are left out and counted in `excluded`.",
})
export class RequestCandidates {
  @Field(() => ID)
  requestId!: string;

  @Field(() => Boolean, {
    description: "False when the request is closed or carried out: then nobody is proposed and `nodes` is empty.",
  })
  matchingOpen!: boolean;

  @Field(() => [RequestCandidate], { description: "The shortlist, best first, spread across perspectives and age bands." })
  nodes!: RequestCandidate[];

  @Field(() => Int, { description: "Active members of the network who pass the filter and are not excluded." })
  eligibleCount!: number;

  @Field(() => [CandidateExclusion])
  excluded!: CandidateExclusion[];
}

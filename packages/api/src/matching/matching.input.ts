import { Field, InputType } from "type-graphql";
import { AgeBand, Perspective } from "../member/member.type.js";

@InputType({
  description:
    "Narrows a request's candidates on profile fields, as the pool search (`members(filter:)`) does: values of one field " +
    "widen (any of them), fields narrow (all must hold).",
})
export class CandidateFilterInput {
  @Field(() => [Perspective], { nullable: true })
  perspectives?: Perspective[] | null;

  @Field(() => [AgeBand], { nullable: true, description: "Age today; members of unknown age match no band." })
  ageBands?: AgeBand[] | null;

  @Field(() => [String], { nullable: true, description: "ISO 639-1 codes, e.g. `ar`." })
  languages?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Municipality names, compared without regard to case." })
  municipalities?: string[] | null;
}

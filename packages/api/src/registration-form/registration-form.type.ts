import { Field, Int, ObjectType } from "type-graphql";
import { RequestFormQuestion } from "../request-form/request-form.type.js";

@ObjectType({
  description:
    "The region's own questions on its public registration form, beside the built-in details of registerMember. The questions " +
    "have the same shape as a request form's (`placeAfter` is always null: they come after the built-in details); answers go in " +
    "`registerMember(input: { answers })` and are checked against exactly what the form says.",
})
export class RegistrationForm {
  tenantId!: string;

  @Field(() => [RequestFormQuestion], { description: "In display order; empty when the region asks nothing of its own." })
  questions!: RequestFormQuestion[];

  @Field(() => Int, {
    description:
      "Send it back as `expectedVersion` when changing the form. 0 until the region first saves one; a membership keeps the version its answers were given on.",
  })
  version!: number;

  @Field(() => Date, { nullable: true, description: "When the questions last changed; null: never set." })
  updatedAt!: Date | null;
}

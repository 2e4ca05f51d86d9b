import { Field, InputType, Int } from "type-graphql";
import { RequestFormQuestionInput } from "../request-form/request-form.input.js";

@InputType({ description: "The region's own registration-form questions, replacing the whole list." })
export class UpdateRegistrationFormInput {
  @Field(() => Int, {
    description: "The `version` you read (0 before the first save); if someone changed the form since, the update fails with CONFLICT.",
  })
  expectedVersion!: number;

  @Field(() => [RequestFormQuestionInput], {
    description:
      "In display order. Conditions may name earlier questions only; `placeAfter` must be left out. Memberships registered earlier keep the questions and answers they were given with.",
  })
  questions!: RequestFormQuestionInput[];
}

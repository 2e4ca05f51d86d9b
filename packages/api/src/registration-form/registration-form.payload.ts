import { Field, ObjectType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { RegistrationForm } from "./registration-form.type.js";

@ObjectType()
export class UpdateRegistrationFormPayload {
  @Field(() => RegistrationForm, { nullable: true, description: "The form as saved." })
  registrationForm!: RegistrationForm | null;

  @Field(() => [ErrorResult], { description: "Always empty today: bad questions are BAD_USER_INPUT, a stale version CONFLICT." })
  errors!: ErrorResult[];
}

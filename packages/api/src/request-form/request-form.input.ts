import { Field, Float, ID, InputType, Int } from "type-graphql";
import { FormQuestionType, RequestField } from "./request-form.type.js";

@InputType({ description: "A new assignment type of the tenant." })
export class CreateAssignmentTypeInput {
  @Field(() => String, { description: "UPPER_SNAKE_CASE, e.g. `PATIENT_PANEL`; unique within the tenant and never changed." })
  key!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;
}

@InputType({ description: "New labels for an assignment type (the key stays). Left out: kept." })
export class UpdateAssignmentTypeInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed the type since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  labelSv?: string | null;

  @Field(() => String, { nullable: true })
  labelEn?: string | null;
}

@InputType({ description: "Stops offering an assignment type; requests of that type keep it." })
export class RetireAssignmentTypeInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "One field of a request form." })
export class RequestFormFieldInput {
  @Field(() => RequestField)
  field!: RequestField;

  @Field(() => Boolean)
  required!: boolean;

  @Field(() => String, { nullable: true, description: "Help text in Swedish; give both languages or neither." })
  helpSv?: string | null;

  @Field(() => String, { nullable: true, description: "Help text in English; give both languages or neither." })
  helpEn?: string | null;
}

@InputType({ description: "One answer a choice question offers." })
export class FormQuestionOptionInput {
  @Field(() => String, { description: "UPPER_SNAKE_CASE, unique in the question." })
  key!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;
}

@InputType({ description: "Holds when the answer to `question` is one of `anyOf`." })
export class FormConditionInput {
  @Field(() => String, { description: "The key of an earlier region question, or `oneOffOrLong` or `assignmentType`." })
  question!: string;

  @Field(() => [String], { description: "Option keys; YES or NO for a yes/no question." })
  anyOf!: string[];
}

@InputType({ description: "A region's own question on a request form." })
export class RequestFormQuestionInput {
  @Field(() => String, { description: "UPPER_SNAKE_CASE, unique in the form, e.g. `SEVERAL_OCCASIONS`." })
  key!: string;

  @Field(() => FormQuestionType)
  type!: FormQuestionType;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;

  @Field(() => String, { nullable: true, description: "Give both languages or neither." })
  helpSv?: string | null;

  @Field(() => String, { nullable: true })
  helpEn?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  required?: boolean | null;

  @Field(() => [FormQuestionOptionInput], { nullable: true, description: "SINGLE_CHOICE and MULTIPLE_CHOICE: at least two." })
  options?: FormQuestionOptionInput[] | null;

  @Field(() => Int, { nullable: true })
  minLength?: number | null;

  @Field(() => Int, { nullable: true })
  maxLength?: number | null;

  @Field(() => Float, { nullable: true })
  minValue?: number | null;

  @Field(() => Float, { nullable: true })
  maxValue?: number | null;

  @Field(() => Int, { nullable: true })
  maxSelections?: number | null;

  @Field(() => FormConditionInput, { nullable: true })
  showWhen?: FormConditionInput | null;

  @Field(() => FormConditionInput, { nullable: true })
  requiredWhen?: FormConditionInput | null;

  @Field(() => RequestField, { nullable: true })
  placeAfter?: RequestField | null;
}

@InputType({ description: "A new request form." })
export class CreateRequestFormInput {
  @Field(() => String, { description: "Unique among the tenant's forms in use." })
  name!: string;

  @Field(() => Boolean, { nullable: true, description: "Make it the tenant's default (the previous default stops being one)." })
  isTenantDefault?: boolean | null;

  @Field(() => [RequestFormFieldInput], { description: "In display order. Assignment type and title are always required." })
  fields!: RequestFormFieldInput[];

  @Field(() => [String], { description: "Keys of the tenant's assignment types to offer, in display order." })
  assignmentTypeKeys!: string[];

  @Field(() => [RequestFormQuestionInput], { nullable: true, description: "The region's own questions, in display order." })
  questions?: RequestFormQuestionInput[] | null;
}

@InputType({ description: "Changes to a request form. Left out: kept; `fields` and `assignmentTypeKeys` replace the whole list." })
export class UpdateRequestFormInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed the form since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [RequestFormFieldInput], { nullable: true })
  fields?: RequestFormFieldInput[] | null;

  @Field(() => [String], { nullable: true })
  assignmentTypeKeys?: string[] | null;

  @Field(() => [RequestFormQuestionInput], {
    nullable: true,
    description: "Replaces the whole list. Requests already submitted keep the questions and answers they were given with.",
  })
  questions?: RequestFormQuestionInput[] | null;
}

@InputType({ description: "Makes a form the tenant's default; the previous default stops being one." })
export class SetTenantDefaultRequestFormInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: "Retires a form that no network uses; it is kept for history." })
export class RetireRequestFormInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

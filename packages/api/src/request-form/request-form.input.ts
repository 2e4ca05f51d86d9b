import { Field, ID, InputType, Int } from "type-graphql";
import { RequestField } from "./request-form.type.js";

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

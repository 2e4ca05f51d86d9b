import { Field, Float, ID, ObjectType } from "type-graphql";
import { AssignmentType, FormQuestionOption, FormQuestionType } from "../request-form/request-form.type.js";

@ObjectType({ description: "An answer a request gave to one of its form's region questions, as the question read when it was answered." })
export class RequestAnswer {
  @Field(() => String, { description: "The question's key." })
  question!: string;

  @Field(() => FormQuestionType)
  type!: FormQuestionType;

  @Field(() => String, { description: "The question in the request's language, as it read when it was answered." })
  label!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;

  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field(() => Float, { nullable: true })
  number!: number | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD." })
  date!: string | null;

  @Field(() => [FormQuestionOption], { description: "The options chosen (one for SINGLE_CHOICE), with their labels then." })
  choices!: FormQuestionOption[];

  @Field(() => Boolean, { nullable: true })
  yes!: boolean | null;
}

@ObjectType({ description: "A cost centre (ansvarskod) a unit may bill: its organisation's own, or a shared one." })
export class RequestCostCentreOption {
  @Field(() => String, { description: "What `costCentre` of submitRequest takes." })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: "Shared by the whole tenant (e.g. Jönköping's LPO)." })
  shared!: boolean;

  @Field(() => Boolean, { description: "The unit's own." })
  unitsOwn!: boolean;
}

@ObjectType({ description: "What a requester may choose on a request for one of their units." })
export class RequestOptions {
  @Field(() => ID)
  unitId!: string;

  @Field(() => String)
  unitName!: string;

  @Field(() => [RequestCostCentreOption], { description: "Live cost centres the unit may bill, by code." })
  costCentres!: RequestCostCentreOption[];

  @Field(() => String, {
    nullable: true,
    description:
      "The unit's own cost centre when it has exactly one: a good value to fill in (a form that requires the field still needs it sent).",
  })
  defaultCostCentre!: string | null;

  @Field(() => [AssignmentType], {
    description: "The tenant's live assignment types; each network's form offers a selection (`Network.requestForm`).",
  })
  assignmentTypes!: AssignmentType[];
}

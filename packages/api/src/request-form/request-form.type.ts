import type { FormFieldType as DomainFormFieldType, QuestionType, RequestFieldKey } from "@medverkan/domain";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Node } from "../node/node.type.js";

/** The fields a request can have; the values are the domain's field keys (REQUEST_FIELD_KEYS). */
export enum RequestField {
  ASSIGNMENT_TYPE = "assignmentType",
  TITLE = "title",
  PURPOSE = "purpose",
  EXPECTATIONS = "expectations",
  EXPERIENCE_SOUGHT = "experienceSought",
  COMPETENCES_SOUGHT = "competencesSought",
  PERSPECTIVES_SOUGHT = "perspectivesSought",
  NUMBER_OF_PERSONS = "numberOfPersons",
  ONE_OFF_OR_LONG = "oneOffOrLong",
  OCCASIONS = "occasions",
  AUDIENCE = "audience",
  AUDIENCE_SIZE = "audienceSize",
  SELECTION_PROCESS = "selectionProcess",
  SPECIAL_REQUIREMENTS = "specialRequirements",
  PREPARATION = "preparation",
  COMPENSATION_OFFERED = "compensationOffered",
  COST_CENTRE = "costCentre",
  CONTACT_PERSON = "contactPerson",
}
registerEnumType(RequestField, { name: "RequestField", description: "A field of a request for participation (uppdragsförfrågan)." });

// The enum and the domain's keys are one list: adding a key on either side without the other fails to compile.
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const REQUEST_FIELD_ENUM_MATCHES_DOMAIN: SameUnion<`${RequestField}`, RequestFieldKey> = true;

/** The types of a region's own question (QUESTION_TYPES in the domain). */
export enum FormQuestionType {
  SHORT_TEXT = "SHORT_TEXT",
  LONG_TEXT = "LONG_TEXT",
  NUMBER = "NUMBER",
  DATE = "DATE",
  SINGLE_CHOICE = "SINGLE_CHOICE",
  MULTIPLE_CHOICE = "MULTIPLE_CHOICE",
  YES_NO = "YES_NO",
}
registerEnumType(FormQuestionType, {
  name: "FormQuestionType",
  description:
    "How a region's question is answered: SHORT_TEXT (one line) and LONG_TEXT in `text`, NUMBER in `number`, DATE (YYYY-MM-DD) in `date`, SINGLE_CHOICE in `choice`, MULTIPLE_CHOICE in `choices`, YES_NO in `yes`.",
});
export const FORM_QUESTION_TYPE_MATCHES_DOMAIN: SameUnion<`${FormQuestionType}`, QuestionType> = true;

/** How a field of the form is answered: a question type, or one of the built-in fields made of several values. */
export enum FormFieldType {
  SHORT_TEXT = "SHORT_TEXT",
  LONG_TEXT = "LONG_TEXT",
  NUMBER = "NUMBER",
  DATE = "DATE",
  SINGLE_CHOICE = "SINGLE_CHOICE",
  MULTIPLE_CHOICE = "MULTIPLE_CHOICE",
  YES_NO = "YES_NO",
  OCCASIONS = "OCCASIONS",
  EXPERIENCE = "EXPERIENCE",
  TEXT_LIST = "TEXT_LIST",
  CONTACT_PERSON = "CONTACT_PERSON",
  COST_CENTRE = "COST_CENTRE",
}
registerEnumType(FormFieldType, {
  name: "FormFieldType",
  description:
    "How a built-in field of a request form is answered: as a question type, or OCCASIONS (`occasions`), EXPERIENCE (`experienceSought`), TEXT_LIST (a list of short texts, `competencesSought`), CONTACT_PERSON (`contactPerson`), COST_CENTRE (a code from `myRequestOptions.costCentres`).",
});
export const FORM_FIELD_TYPE_MATCHES_DOMAIN: SameUnion<`${FormFieldType}`, DomainFormFieldType> = true;

@ObjectType({ description: "One answer a choice offers." })
export class FormQuestionOption {
  @Field(() => String, { description: "What the answer sends (`choice` / `choices`) and what a condition names." })
  key!: string;

  @Field(() => String, { description: "In the request's language." })
  label!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;
}

@ObjectType({ description: "Holds when the answer to `question` is one of `anyOf`." })
export class FormCondition {
  @Field(() => String, {
    description: "The key of an earlier region question, or the built-in field `oneOffOrLong` or `assignmentType`.",
  })
  question!: string;

  @Field(() => [String], { description: "Option keys; YES or NO for a yes/no question; for a multiple choice, any one selected." })
  anyOf!: string[];
}

@ObjectType({
  description:
    "A region's own question on its request form. Answered in `answers` of submitRequest/updateRequest; checked against its type, options, limits and conditions.",
})
export class RequestFormQuestion {
  @Field(() => String, { description: "UPPER_SNAKE_CASE, unique in the form; the answer names it." })
  key!: string;

  @Field(() => FormQuestionType)
  type!: FormQuestionType;

  @Field(() => String, { description: "The question in the request's language." })
  label!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;

  @Field(() => String, { nullable: true })
  help!: string | null;

  @Field(() => String, { nullable: true })
  helpSv!: string | null;

  @Field(() => String, { nullable: true })
  helpEn!: string | null;

  @Field(() => Boolean, { description: "Always required (when asked). See also `requiredWhen`." })
  required!: boolean;

  @Field(() => [FormQuestionOption], { description: "The answers a choice offers, in order; empty for other types." })
  options!: FormQuestionOption[];

  @Field(() => Int, { nullable: true, description: "Text: the fewest characters." })
  minLength!: number | null;

  @Field(() => Int, { nullable: true, description: "Text: the most characters (300 for SHORT_TEXT, 4000 for LONG_TEXT when not set)." })
  maxLength!: number | null;

  @Field(() => Float, { nullable: true })
  minValue!: number | null;

  @Field(() => Float, { nullable: true })
  maxValue!: number | null;

  @Field(() => Int, { nullable: true, description: "MULTIPLE_CHOICE: the most options one may pick." })
  maxSelections!: number | null;

  @Field(() => FormCondition, { nullable: true, description: "Asked only when this holds; an answer to a question not asked is not kept." })
  showWhen!: FormCondition | null;

  @Field(() => FormCondition, { nullable: true, description: "Required only when this holds." })
  requiredWhen!: FormCondition | null;

  @Field(() => RequestField, { nullable: true, description: "Shown right after this built-in field; null: after the built-in fields." })
  placeAfter!: RequestField | null;
}

@ObjectType({ description: "A kind of assignment the tenant offers (workshop, patient panel, steering group …)." })
export class AssignmentType {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => String, { description: "UPPER_SNAKE_CASE key stored on requests, e.g. `WORKSHOP`; never changes." })
  key!: string;

  @Field(() => String, { description: "The label in the request's language." })
  label!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;

  @Field(() => Date, { nullable: true, description: "Set when retired: no longer offered; requests of this type keep it." })
  retiredAt!: Date | null;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when changing or retiring the assignment type." })
  version!: number;
}

export const AssignmentTypeConnection = Connection(AssignmentType, "AssignmentType");

@ObjectType({ description: "One field of a request form: whether it must be filled in, and the region's own question or guidance." })
export class RequestFormField {
  @Field(() => RequestField)
  field!: RequestField;

  @Field(() => String, { description: "The field's name in the request's language." })
  label!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;

  @Field(() => Boolean)
  required!: boolean;

  @Field(() => String, { nullable: true, description: "Help text in the request's language; null when the form gives none." })
  help!: string | null;

  @Field(() => String, { nullable: true })
  helpSv!: string | null;

  @Field(() => String, { nullable: true })
  helpEn!: string | null;

  @Field(() => FormFieldType, { description: "How the field is answered." })
  type!: FormFieldType;

  @Field(() => Int, { nullable: true, description: "Text: the most characters accepted." })
  maxLength!: number | null;

  @Field(() => Float, { nullable: true })
  minValue!: number | null;

  @Field(() => Float, { nullable: true })
  maxValue!: number | null;

  @Field(() => Int, { nullable: true, description: "OCCASIONS: the most occasions accepted." })
  maxItems!: number | null;

  @Field(() => [FormQuestionOption], {
    description: "Fixed options (one-off or long, perspectives); the assignment types are `RequestForm.assignmentTypes`.",
  })
  options!: FormQuestionOption[];
}

@ObjectType({ implements: Node, description: "A request form as data: the fields asked for, in order, and the assignment types offered." })
export class RequestForm {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  /** Resolved to the tenant's assignment types by the field resolver. */
  assignmentTypeKeys!: string[];

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: "Used by every network that names no form of its own." })
  isTenantDefault!: boolean;

  @Field(() => [RequestFormField], { description: "In display order; a field not listed is not asked for." })
  fields!: RequestFormField[];

  @Field(() => [RequestFormQuestion], { description: "The region's own questions, in display order (see `placeAfter`)." })
  questions!: RequestFormQuestion[];

  @Field(() => [AssignmentType], { description: "The assignment types offered, in display order (retired ones are left out)." })
  assignmentTypes?: AssignmentType[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when changing the form." })
  version!: number;
}

export const RequestFormConnection = Connection(RequestForm, "RequestForm");

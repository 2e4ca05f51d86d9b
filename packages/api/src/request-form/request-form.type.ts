import type { RequestFieldKey } from "@medverkan/domain";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Node } from "../node/node.type.js";

/** The fields a request can have; the values are the domain's field keys (REQUEST_FIELD_KEYS). */
export enum RequestField {
  ASSIGNMENT_TYPE = "assignmentType",
  TITLE = "title",
  PURPOSE = "purpose",
  EXPECTATIONS = "expectations",
  EXPERIENCE_SOUGHT = "experienceSought",
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

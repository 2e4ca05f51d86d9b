import { Field, ID, InputType, Int } from "type-graphql";
import { OrganisationKind } from "./organisation.type.js";

@InputType()
export class CreateOrganisationInput {
  @Field(() => String)
  name!: string;

  @Field(() => OrganisationKind)
  kind!: OrganisationKind;

  @Field(() => Boolean, { nullable: true, description: "Default false: participants are paid through the tenant." })
  paysOwnParticipants?: boolean | null;
}

@InputType({ description: "Changes to an organisation; a field left out keeps its value." })
export class UpdateOrganisationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed the organisation since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => OrganisationKind, { nullable: true })
  kind?: OrganisationKind | null;

  @Field(() => Boolean, { nullable: true })
  paysOwnParticipants?: boolean | null;
}

@InputType({ description: "Retires an organisation once none of its units or cost centres is in use." })
export class RetireOrganisationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType()
export class CreateUnitInput {
  @Field(() => ID, { description: "The organisation the unit belongs to (it cannot move to another later)." })
  organisationId!: string;

  @Field(() => String)
  name!: string;
}

@InputType({ description: "Changes to a unit; a field left out keeps its value." })
export class UpdateUnitInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed the unit since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;
}

@InputType({ description: "Retires a unit once no cost centre of its own and no requester acts for it." })
export class RetireUnitInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType()
export class CreateCostCentreInput {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => String, { description: "The ansvarskod, e.g. `10-2410`; stored in capitals." })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID, { nullable: true, description: "The unit whose code this is (a unit of the same organisation)." })
  unitId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Default false. A shared code (LPO) belongs to no single unit." })
  shared?: boolean | null;
}

@InputType({ description: "Changes to a cost centre; the code itself never changes (retire it and create another)." })
export class UpdateCostCentreInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed the cost centre since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: "Null: no longer tied to a unit." })
  unitId?: string | null;

  @Field(() => Boolean, { nullable: true })
  shared?: boolean | null;
}

@InputType({ description: "Retires a cost centre: no longer offered; claims already billed to it keep it." })
export class RetireCostCentreInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

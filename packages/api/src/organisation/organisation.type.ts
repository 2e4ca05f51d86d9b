import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Node } from "../node/node.type.js";

export enum OrganisationKind {
  REGION_UNIT = "REGION_UNIT",
  MUNICIPALITY = "MUNICIPALITY",
  FEDERATION = "FEDERATION",
  ASSOCIATION = "ASSOCIATION",
  PATIENT_ORGANISATION = "PATIENT_ORGANISATION",
}
registerEnumType(OrganisationKind, {
  name: "OrganisationKind",
  description:
    "REGION_UNIT: the region itself; FEDERATION: e.g. a federation of municipalities (kommunförbund); ASSOCIATION: e.g. a patient association; PATIENT_ORGANISATION: a patient, user or relatives' organisation whose mandate members can carry (kept by administrators and coordinators, see `patientOrganisations`).",
});

@ObjectType({ implements: Node, description: "A region, municipality, federation or association taking part in the tenant's programme." })
export class Organisation {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => String, { description: "Unique within the tenant." })
  name!: string;

  @Field(() => OrganisationKind)
  kind!: OrganisationKind;

  @Field(() => Boolean, { description: "Pays its own participants (Kalmar: a single municipality's activities), not through the tenant." })
  paysOwnParticipants!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "Set when retired: no longer offered, kept for history." })
  retiredAt!: Date | null;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when changing or retiring the organisation." })
  version!: number;
}

@ObjectType({ implements: Node, description: "A care unit (verksamhet) of an organisation; its staff send requests." })
export class Unit {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field(() => String, { description: "Unique within the organisation." })
  name!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when changing or retiring the unit." })
  version!: number;

  @Field(() => Organisation)
  organisation?: Organisation;
}

@ObjectType({ implements: Node, description: "A cost centre (ansvarskod) that assignments and fees are billed to." })
export class CostCentre {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => String, { description: "The code as payroll knows it; unique within the tenant and never changed." })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: "Shared across units, e.g. Jönköping's county-wide programme areas (LPO); then it has no unit." })
  shared!: boolean;

  @Field(() => ID)
  organisationId!: string;

  @Field(() => ID, { nullable: true, description: "The unit whose code this is; null for an organisation-wide or shared code." })
  unitId!: string | null;

  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when changing or retiring the cost centre." })
  version!: number;

  @Field(() => Organisation)
  organisation?: Organisation;

  @Field(() => Unit, { nullable: true })
  unit?: Unit | null;
}

export const OrganisationConnection = Connection(Organisation, "Organisation");
export const UnitConnection = Connection(Unit, "Unit");
export const CostCentreConnection = Connection(CostCentre, "CostCentre");

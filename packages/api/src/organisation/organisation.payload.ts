import type { Locale } from "@medverkan/domain";
import { createUnionType, Field, Int, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { CostCentre, Organisation, Unit } from "./organisation.type.js";

@ObjectType({
  implements: ErrorResult,
  description: "The name is already used: by another organisation of the tenant, or another unit of the organisation.",
})
export class NameTaken extends ErrorResult {
  @Field(() => String)
  name!: string;
}

@ObjectType({ implements: ErrorResult, description: "Another cost centre of the tenant already has this code (perhaps a retired one)." })
export class CodeTaken extends ErrorResult {
  @Field(() => String, { description: "The cost centre code that is taken." })
  costCentreCode!: string;
}

@ObjectType({ implements: ErrorResult, description: "It cannot be retired while something still in use depends on it." })
export class InUse extends ErrorResult {
  @Field(() => String, { description: "What depends on it: UNIT, COST_CENTRE or REQUESTER_GRANT." })
  usedBy!: string;

  @Field(() => Int, { description: "How many of them are still in use." })
  count!: number;
}

export function nameTaken(name: string, locale: Locale): NameTaken {
  return errorResult(NameTaken, "NAME_TAKEN", { sv: `Namnet ${name} används redan.`, en: `The name ${name} is already in use.` }, locale, {
    name,
  });
}

export function codeTaken(code: string, locale: Locale): CodeTaken {
  const messages = {
    sv: `Ansvarskoden ${code} finns redan i regionen.`,
    en: `The cost centre code ${code} already exists in the tenant.`,
  };
  return errorResult(CodeTaken, "CODE_TAKEN", messages, locale, { costCentreCode: code });
}

const USED_BY = {
  UNIT: { sv: "verksamheter", en: "units" },
  COST_CENTRE: { sv: "ansvarskoder", en: "cost centres" },
  REQUESTER_GRANT: { sv: "beställare", en: "requesters" },
} as const;

export function inUse(usedBy: keyof typeof USED_BY, count: number, locale: Locale): InUse {
  const messages = {
    sv: `Det används fortfarande av ${count} ${USED_BY[usedBy].sv}. Avsluta eller flytta dem först.`,
    en: `It is still used by ${count} ${USED_BY[usedBy].en}. Retire or move them first.`,
  };
  return errorResult(InUse, "IN_USE", messages, locale, { usedBy, count });
}

export const CreateOrganisationError = createUnionType({ name: "CreateOrganisationError", types: () => [NameTaken] as const });
export const UpdateOrganisationError = createUnionType({ name: "UpdateOrganisationError", types: () => [NotFound, NameTaken] as const });
export const RetireOrganisationError = createUnionType({ name: "RetireOrganisationError", types: () => [NotFound, InUse] as const });
export const CreateUnitError = createUnionType({ name: "CreateUnitError", types: () => [NameTaken] as const });
export const UpdateUnitError = createUnionType({ name: "UpdateUnitError", types: () => [NotFound, NameTaken] as const });
export const RetireUnitError = createUnionType({ name: "RetireUnitError", types: () => [NotFound, InUse] as const });
export const CreateCostCentreError = createUnionType({ name: "CreateCostCentreError", types: () => [CodeTaken] as const });
export const UpdateCostCentreError = createUnionType({ name: "UpdateCostCentreError", types: () => [NotFound] as const });
export const RetireCostCentreError = createUnionType({ name: "RetireCostCentreError", types: () => [NotFound] as const });

@ObjectType()
export class CreateOrganisationPayload {
  @Field(() => Organisation, { nullable: true })
  organisation!: Organisation | null;

  @Field(() => [CreateOrganisationError])
  errors!: Array<typeof CreateOrganisationError>;
}

@ObjectType()
export class UpdateOrganisationPayload {
  @Field(() => Organisation, { nullable: true })
  organisation!: Organisation | null;

  @Field(() => [UpdateOrganisationError])
  errors!: Array<typeof UpdateOrganisationError>;
}

@ObjectType()
export class RetireOrganisationPayload {
  @Field(() => Organisation, { nullable: true })
  organisation!: Organisation | null;

  @Field(() => [RetireOrganisationError])
  errors!: Array<typeof RetireOrganisationError>;
}

@ObjectType()
export class CreateUnitPayload {
  @Field(() => Unit, { nullable: true })
  unit!: Unit | null;

  @Field(() => [CreateUnitError])
  errors!: Array<typeof CreateUnitError>;
}

@ObjectType()
export class UpdateUnitPayload {
  @Field(() => Unit, { nullable: true })
  unit!: Unit | null;

  @Field(() => [UpdateUnitError])
  errors!: Array<typeof UpdateUnitError>;
}

@ObjectType()
export class RetireUnitPayload {
  @Field(() => Unit, { nullable: true })
  unit!: Unit | null;

  @Field(() => [RetireUnitError])
  errors!: Array<typeof RetireUnitError>;
}

@ObjectType()
export class CreateCostCentrePayload {
  @Field(() => CostCentre, { nullable: true })
  costCentre!: CostCentre | null;

  @Field(() => [CreateCostCentreError])
  errors!: Array<typeof CreateCostCentreError>;
}

@ObjectType()
export class UpdateCostCentrePayload {
  @Field(() => CostCentre, { nullable: true })
  costCentre!: CostCentre | null;

  @Field(() => [UpdateCostCentreError])
  errors!: Array<typeof UpdateCostCentreError>;
}

@ObjectType()
export class RetireCostCentrePayload {
  @Field(() => CostCentre, { nullable: true })
  costCentre!: CostCentre | null;

  @Field(() => [RetireCostCentreError])
  errors!: Array<typeof RetireCostCentreError>;
}

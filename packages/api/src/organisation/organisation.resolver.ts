import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { changeCostCentre, createCostCentre, getCostCentre, listCostCentresForAdmin, retireCostCentre } from "./cost-centre.service.js";
import {
  CreateCostCentreInput,
  CreateOrganisationInput,
  CreateUnitInput,
  RetireCostCentreInput,
  RetireOrganisationInput,
  RetireUnitInput,
  UpdateCostCentreInput,
  UpdateOrganisationInput,
  UpdateUnitInput,
} from "./organisation.input.js";
import {
  CreateCostCentrePayload,
  CreateOrganisationPayload,
  CreateUnitPayload,
  RetireCostCentrePayload,
  RetireOrganisationPayload,
  RetireUnitPayload,
  UpdateCostCentrePayload,
  UpdateOrganisationPayload,
  UpdateUnitPayload,
} from "./organisation.payload.js";
import {
  changeOrganisation,
  createOrganisation,
  getOrganisation,
  listOrganisationsForAdmin,
  retireOrganisation,
} from "./organisation.service.js";
import {
  CostCentre,
  CostCentreConnection,
  Organisation,
  OrganisationConnection,
  OrganisationKind,
  Unit,
  UnitConnection,
} from "./organisation.type.js";
import { changeUnit, createUnit, getUnit, listUnitsForAdmin, retireUnit } from "./unit.service.js";

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: "Tenant admin: an organisation of your tenant." })
  organisation(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    return getOrganisation(ctx, id);
  }

  @Query(() => OrganisationConnection, { description: "Tenant admin: the organisations of your tenant." })
  organisations(
    @Arg("includeRetired", () => Boolean, { defaultValue: false }) includeRetired: boolean,
    @Arg("kind", () => OrganisationKind, { nullable: true }) kind: OrganisationKind | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listOrganisationsForAdmin(ctx, { includeRetired, kind: kind ?? null }, page);
  }

  @Mutation(() => CreateOrganisationPayload, {
    description: "Tenant admin: add an organisation (region, municipality, federation, association).",
  })
  createOrganisation(
    @Arg("input", () => CreateOrganisationInput) input: CreateOrganisationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateOrganisationPayload> {
    return createOrganisation(ctx, input);
  }

  @Mutation(() => UpdateOrganisationPayload, { description: "Tenant admin: change an organisation." })
  updateOrganisation(
    @Arg("input", () => UpdateOrganisationInput) input: UpdateOrganisationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateOrganisationPayload> {
    return changeOrganisation(ctx, input);
  }

  @Mutation(() => RetireOrganisationPayload, {
    description: "Tenant admin: retire an organisation whose units and cost centres are retired.",
  })
  retireOrganisation(
    @Arg("input", () => RetireOrganisationInput) input: RetireOrganisationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetireOrganisationPayload> {
    return retireOrganisation(ctx, input);
  }
}

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => Unit, { nullable: true, description: "Tenant admin: a unit of your tenant." })
  unit(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Unit | null> {
    return getUnit(ctx, id);
  }

  @Query(() => UnitConnection, { description: "Tenant admin: the units of your tenant, or of one organisation." })
  units(
    @Arg("organisationId", () => ID, { nullable: true }) organisationId: string | null,
    @Arg("includeRetired", () => Boolean, { defaultValue: false }) includeRetired: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listUnitsForAdmin(ctx, { includeRetired, organisationId: organisationId ?? null }, page);
  }

  @FieldResolver(() => Organisation)
  async organisation(@Root() unit: Unit, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return (await ctx.loaders(unit.tenantId).organisationById.load(unit.organisationId)) as Organisation;
  }

  @Mutation(() => CreateUnitPayload, { description: "Tenant admin: add a unit to an organisation." })
  createUnit(@Arg("input", () => CreateUnitInput) input: CreateUnitInput, @Ctx() ctx: RequestContext): Promise<CreateUnitPayload> {
    return createUnit(ctx, input);
  }

  @Mutation(() => UpdateUnitPayload, { description: "Tenant admin: rename a unit." })
  updateUnit(@Arg("input", () => UpdateUnitInput) input: UpdateUnitInput, @Ctx() ctx: RequestContext): Promise<UpdateUnitPayload> {
    return changeUnit(ctx, input);
  }

  @Mutation(() => RetireUnitPayload, { description: "Tenant admin: retire a unit nobody acts or bills for any more." })
  retireUnit(@Arg("input", () => RetireUnitInput) input: RetireUnitInput, @Ctx() ctx: RequestContext): Promise<RetireUnitPayload> {
    return retireUnit(ctx, input);
  }
}

@Resolver(() => CostCentre)
export class CostCentreResolver {
  @Query(() => CostCentre, { nullable: true, description: "Tenant admin: a cost centre (ansvarskod) of your tenant." })
  costCentre(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CostCentre | null> {
    return getCostCentre(ctx, id);
  }

  @Query(() => CostCentreConnection, { description: "Tenant admin: the cost centres of your tenant, of one organisation or of one unit." })
  costCentres(
    @Arg("organisationId", () => ID, { nullable: true }) organisationId: string | null,
    @Arg("unitId", () => ID, { nullable: true }) unitId: string | null,
    @Arg("includeRetired", () => Boolean, { defaultValue: false }) includeRetired: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listCostCentresForAdmin(ctx, { includeRetired, organisationId: organisationId ?? null, unitId: unitId ?? null }, page);
  }

  @FieldResolver(() => Organisation)
  async organisation(@Root() costCentre: CostCentre, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return (await ctx.loaders(costCentre.tenantId).organisationById.load(costCentre.organisationId)) as Organisation;
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() costCentre: CostCentre, @Ctx() ctx: RequestContext): Promise<Unit | null> | null {
    return costCentre.unitId ? ctx.loaders(costCentre.tenantId).unitById.load(costCentre.unitId) : null;
  }

  @Mutation(() => CreateCostCentrePayload, { description: "Tenant admin: add a cost centre (ansvarskod)." })
  createCostCentre(
    @Arg("input", () => CreateCostCentreInput) input: CreateCostCentreInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateCostCentrePayload> {
    return createCostCentre(ctx, input);
  }

  @Mutation(() => UpdateCostCentrePayload, { description: "Tenant admin: change a cost centre's name, unit or sharing." })
  updateCostCentre(
    @Arg("input", () => UpdateCostCentreInput) input: UpdateCostCentreInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateCostCentrePayload> {
    return changeCostCentre(ctx, input);
  }

  @Mutation(() => RetireCostCentrePayload, { description: "Tenant admin: retire a cost centre." })
  retireCostCentre(
    @Arg("input", () => RetireCostCentreInput) input: RetireCostCentreInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetireCostCentrePayload> {
    return retireCostCentre(ctx, input);
  }
}

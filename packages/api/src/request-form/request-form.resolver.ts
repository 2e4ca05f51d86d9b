import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { Network } from "../network/network.type.js";
import { Tenant } from "../tenant/tenant.type.js";
import {
  CreateAssignmentTypeInput,
  CreateRequestFormInput,
  RetireAssignmentTypeInput,
  RetireRequestFormInput,
  SetTenantDefaultRequestFormInput,
  UpdateAssignmentTypeInput,
  UpdateRequestFormInput,
} from "./request-form.input.js";
import {
  CreateAssignmentTypePayload,
  CreateRequestFormPayload,
  RetireAssignmentTypePayload,
  RetireRequestFormPayload,
  SetTenantDefaultRequestFormPayload,
  UpdateAssignmentTypePayload,
  UpdateRequestFormPayload,
} from "./request-form.payload.js";
import {
  createAssignmentType,
  createRequestForm,
  getFormAssignmentTypes,
  getNetworkRequestForm,
  getRequestForm,
  listRequestFormsForTenant,
  listTenantAssignmentTypes,
  retireAssignmentType,
  retireRequestForm,
  setTenantDefaultRequestForm,
  updateAssignmentType,
  updateRequestForm,
} from "./request-form.service.js";
import { AssignmentType, AssignmentTypeConnection, RequestForm, RequestFormConnection } from "./request-form.type.js";

@Resolver(() => RequestForm)
export class RequestFormResolver {
  @Query(() => RequestFormConnection, { description: "Tenant admins: the tenant's request forms." })
  requestForms(
    @Arg("includeRetired", () => Boolean, { nullable: true, defaultValue: false }) includeRetired: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listRequestFormsForTenant(ctx, { includeRetired }, page);
  }

  @Query(() => RequestForm, { nullable: true, description: "Tenant admins: one request form of your tenant." })
  requestForm(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<RequestForm | null> {
    return getRequestForm(ctx, id);
  }

  @FieldResolver(() => [AssignmentType])
  assignmentTypes(@Root() form: RequestForm, @Ctx() ctx: RequestContext): Promise<AssignmentType[]> {
    return getFormAssignmentTypes(ctx, form);
  }

  @Mutation(() => CreateRequestFormPayload, { description: "Tenant admins: a new request form." })
  createRequestForm(
    @Arg("input", () => CreateRequestFormInput) input: CreateRequestFormInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateRequestFormPayload> {
    return createRequestForm(ctx, input);
  }

  @Mutation(() => UpdateRequestFormPayload, { description: "Tenant admins: rename a form, or change its fields or assignment types." })
  updateRequestForm(
    @Arg("input", () => UpdateRequestFormInput) input: UpdateRequestFormInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateRequestFormPayload> {
    return updateRequestForm(ctx, input);
  }

  @Mutation(() => SetTenantDefaultRequestFormPayload, { description: "Tenant admins: the form of every network that names none." })
  setTenantDefaultRequestForm(
    @Arg("input", () => SetTenantDefaultRequestFormInput) input: SetTenantDefaultRequestFormInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetTenantDefaultRequestFormPayload> {
    return setTenantDefaultRequestForm(ctx, input);
  }

  @Mutation(() => RetireRequestFormPayload, { description: "Tenant admins: retire a form that no network uses." })
  retireRequestForm(
    @Arg("input", () => RetireRequestFormInput) input: RetireRequestFormInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetireRequestFormPayload> {
    return retireRequestForm(ctx, input);
  }
}

@Resolver(() => AssignmentType)
export class AssignmentTypeResolver {
  @Mutation(() => CreateAssignmentTypePayload, { description: "Tenant admins: a new assignment type with Swedish and English labels." })
  createAssignmentType(
    @Arg("input", () => CreateAssignmentTypeInput) input: CreateAssignmentTypeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateAssignmentTypePayload> {
    return createAssignmentType(ctx, input);
  }

  @Mutation(() => UpdateAssignmentTypePayload, { description: "Tenant admins: relabel an assignment type." })
  updateAssignmentType(
    @Arg("input", () => UpdateAssignmentTypeInput) input: UpdateAssignmentTypeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateAssignmentTypePayload> {
    return updateAssignmentType(ctx, input);
  }

  @Mutation(() => RetireAssignmentTypePayload, { description: "Tenant admins: stop offering an assignment type." })
  retireAssignmentType(
    @Arg("input", () => RetireAssignmentTypeInput) input: RetireAssignmentTypeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetireAssignmentTypePayload> {
    return retireAssignmentType(ctx, input);
  }
}

/** Public: what a regional front end needs to render its request form. */
@Resolver(() => Network)
export class NetworkRequestFormResolver {
  @FieldResolver(() => RequestForm, {
    nullable: true,
    description: "Public: the request form for this network (its own, or the tenant's default); null if none is configured.",
  })
  requestForm(@Root() network: Network, @Ctx() ctx: RequestContext): Promise<RequestForm | null> {
    return getNetworkRequestForm(ctx, network);
  }
}

@Resolver(() => Tenant)
export class TenantAssignmentTypesResolver {
  @FieldResolver(() => AssignmentTypeConnection, { description: "Public: the assignment types the tenant offers." })
  assignmentTypes(@Root() tenant: Tenant, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return listTenantAssignmentTypes(ctx, tenant.id, page);
  }
}

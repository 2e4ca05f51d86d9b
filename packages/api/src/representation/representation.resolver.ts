import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { Member } from "../member/member.type.js";
import {
  addPatientOrganisation,
  confirmRepresentation,
  endRepresentation,
  myRepresentations,
  patientOrganisations,
  proposeMyRepresentation,
  recordRepresentation,
  rejectRepresentation,
  representationsOfMember,
  retirePatientOrganisationFor,
} from "./representation.service.js";
import {
  AddPatientOrganisationInput,
  DecideRepresentationInput,
  EndRepresentationInput,
  OrganisationRepresentation,
  PatientOrganisation,
  PatientOrganisationPayload,
  ProposeMyRepresentationInput,
  RecordRepresentationInput,
  RepresentationPayload,
  RetirePatientOrganisationInput,
} from "./representation.type.js";

@Resolver(() => OrganisationRepresentation)
export class RepresentationResolver {
  @Query(() => [PatientOrganisation], {
    description: "The tenant's patient and user organisations (staff and members: a member picks the one they represent).",
  })
  patientOrganisations(
    @Arg("includeRetired", () => Boolean, { nullable: true }) includeRetired: boolean | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PatientOrganisation[]> {
    return patientOrganisations(ctx, includeRetired ?? false);
  }

  @Mutation(() => PatientOrganisationPayload, { description: "Tenant admins and coordinators: add a patient or user organisation." })
  addPatientOrganisation(
    @Arg("input", () => AddPatientOrganisationInput) input: AddPatientOrganisationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PatientOrganisationPayload> {
    return addPatientOrganisation(ctx, input);
  }

  @Mutation(() => PatientOrganisationPayload, {
    description: "Tenant admins and coordinators: retire a patient or user organisation; recorded mandates are kept.",
  })
  retirePatientOrganisation(
    @Arg("input", () => RetirePatientOrganisationInput) input: RetirePatientOrganisationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PatientOrganisationPayload> {
    return retirePatientOrganisationFor(ctx, input);
  }

  @Query(() => [OrganisationRepresentation], { description: "Members (Mina sidor): the organisations you represent or proposed." })
  myOrganisationRepresentations(@Ctx() ctx: RequestContext): Promise<OrganisationRepresentation[]> {
    return myRepresentations(ctx);
  }

  @Mutation(() => RepresentationPayload, {
    description: "Coordinators: record that a member of your networks has a mandate to represent a patient organisation. Audited.",
  })
  recordOrganisationRepresentation(
    @Arg("input", () => RecordRepresentationInput) input: RecordRepresentationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RepresentationPayload> {
    return recordRepresentation(ctx, input);
  }

  @Mutation(() => RepresentationPayload, {
    description:
      "Members: propose that you represent a patient organisation; a coordinator confirms the mandate before it is shown to units.",
  })
  proposeMyOrganisationRepresentation(
    @Arg("input", () => ProposeMyRepresentationInput) input: ProposeMyRepresentationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RepresentationPayload> {
    return proposeMyRepresentation(ctx, input);
  }

  @Mutation(() => RepresentationPayload, {
    description: "Coordinators: confirm a proposed mandate, as it stands or with the terms you give. Audited.",
  })
  confirmOrganisationRepresentation(
    @Arg("input", () => DecideRepresentationInput) input: DecideRepresentationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RepresentationPayload> {
    return confirmRepresentation(ctx, input);
  }

  @Mutation(() => RepresentationPayload, { description: "Coordinators: do not confirm a proposed mandate. Audited." })
  rejectOrganisationRepresentation(
    @Arg("input", () => DecideRepresentationInput) input: DecideRepresentationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RepresentationPayload> {
    return rejectRepresentation(ctx, input);
  }

  @Mutation(() => RepresentationPayload, {
    description: "Coordinators: set a confirmed mandate's last day; after it, no unit is shown the mandate. Audited.",
  })
  endOrganisationRepresentation(
    @Arg("input", () => EndRepresentationInput) input: EndRepresentationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RepresentationPayload> {
    return endRepresentation(ctx, input);
  }
}

@Resolver(() => Member)
export class MemberRepresentationResolver {
  @FieldResolver(() => [OrganisationRepresentation], {
    description: "The patient organisations the member represents or proposed (all statuses, newest mandate first).",
  })
  representations(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<OrganisationRepresentation[]> {
    return representationsOfMember(ctx, member);
  }
}

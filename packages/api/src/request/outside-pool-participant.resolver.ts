import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { addOutsidePoolParticipant, outsidePoolParticipantsOf, removeOutsidePoolParticipant } from "./outside-pool-participant.service.js";
import {
  AddOutsidePoolParticipantInput,
  AddOutsidePoolParticipantPayload,
  OutsidePoolParticipant,
  RemoveOutsidePoolParticipantInput,
  RemoveOutsidePoolParticipantPayload,
} from "./outside-pool-participant.type.js";
import { RequestType } from "./request.type.js";

@Resolver(() => RequestType)
export class OutsidePoolParticipantResolver {
  @FieldResolver(() => [OutsidePoolParticipant], {
    description:
      "The unit (and the network's coordinators): participants from outside the pool the unit recorded on this direct booking " +
      "(`addOutsidePoolParticipant`), oldest first. Pool members are in `participants`. Every read is audited.",
  })
  outsidePoolParticipants(@Root() request: RequestType, @Ctx() ctx: RequestContext): Promise<OutsidePoolParticipant[]> {
    return outsidePoolParticipantsOf(ctx, request);
  }

  @Mutation(() => AddOutsidePoolParticipantPayload, {
    description:
      "Requesters: record, on your own unit's direct booking, a participant from outside the pool — where the region allows it " +
      "(`Tenant.allowsParticipantsOutsidePool`; otherwise NOT_ALLOWED_IN_TENANT). Never compared with the pool; counts as a " +
      "participation at once (no coordinator's confirmation). Another unit's request is not found. Send an Idempotency-Key to retry safely.",
  })
  addOutsidePoolParticipant(
    @Arg("input", () => AddOutsidePoolParticipantInput) input: AddOutsidePoolParticipantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AddOutsidePoolParticipantPayload> {
    return addOutsidePoolParticipant(ctx, input);
  }

  @Mutation(() => RemoveOutsidePoolParticipantPayload, {
    description:
      "The unit or a coordinator of the network: delete a participant from outside the pool (erasure; audited). Anyone else: not found.",
  })
  removeOutsidePoolParticipant(
    @Arg("input", () => RemoveOutsidePoolParticipantInput) input: RemoveOutsidePoolParticipantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RemoveOutsidePoolParticipantPayload> {
    return removeOutsidePoolParticipant(ctx, input.id);
  }
}

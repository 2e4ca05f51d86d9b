import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Occasion", { description: "A date and place (or digital link) when the participants take part." })
export class OccasionType {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => ID)
  requestId!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => String, { nullable: true })
  place!: string | null;

  @Field(() => String, { nullable: true, description: "An https link for a digital meeting." })
  digitalLink!: string | null;

  @Field(() => Date, { nullable: true })
  cancelledAt!: Date | null;

  @Field(() => String, { nullable: true })
  cancellationReason!: string | null;

  @Field(() => Date, { nullable: true, description: "Set when the unit or the coordinator reported the occasion as held." })
  heldAt!: Date | null;
}

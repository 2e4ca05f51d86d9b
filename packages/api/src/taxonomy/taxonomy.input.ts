import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "A new tag of the tenant's experience taxonomy." })
export class CreateExperienceTagInput {
  @Field(() => String, {
    description: "What members and requests refer to, e.g. `hjartsvikt`: lower-case letters, digits, hyphens. Never changes.",
  })
  key!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;

  @Field(() => ID, { nullable: true, description: "The broader tag to put it under; leave out for a top-level tag." })
  parentId?: string | null;
}

@InputType({ description: "Changes to a tag; a field left out keeps its value. The key never changes." })
export class UpdateExperienceTagInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The `version` you read; if someone changed the tag since, the update fails with CONFLICT." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  labelSv?: string | null;

  @Field(() => String, { nullable: true })
  labelEn?: string | null;

  @Field(() => ID, { nullable: true, description: "Moves the tag under another one; null makes it a top-level tag." })
  parentId?: string | null;
}

@InputType({ description: "Stops offering a tag and every tag under it; members who have them keep them." })
export class RetireExperienceTagInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

import { Field, ID, InputType } from "type-graphql";
import { RegistrationChannel } from "../member/member.type.js";
import { DataSubjectRequestKind } from "./privacy.type.js";

/**
 * Who a privacy action is for and how the request arrived. A member acting for themself leaves `memberId` out (or
 * names their own); a coordinator names the member and records the letter or call it answers.
 */
@InputType()
export abstract class DataSubjectActionInput {
  @Field(() => ID, { nullable: true, description: "Coordinators: the member. Members: leave out (yourself)." })
  memberId?: string | null;

  @Field(() => RegistrationChannel, {
    nullable: true,
    description: "Coordinators: POSTAL (letter) or PHONE, how the person asked. Ignored for members (WEB).",
  })
  channel?: RegistrationChannel | null;

  @Field(() => Date, { nullable: true, description: "When the request arrived (default: now); the deadline runs from it." })
  receivedAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Coordinators: a note for the request log." })
  note?: string | null;
}

@InputType({ description: "Export everything held about a member, answering their request (art. 15)." })
export class ExportMemberDataInput extends DataSubjectActionInput {}

@InputType({ description: "Restrict processing (art. 18): the data is kept, every other use refused until lifted." })
export class RestrictProcessingInput extends DataSubjectActionInput {}

@InputType({ description: "Lift a restriction of processing." })
export class LiftRestrictionInput extends DataSubjectActionInput {}

@InputType({ description: "Erase a member (art. 17): personal data removed everywhere, anonymous facts for statistics kept." })
export class EraseMemberInput extends DataSubjectActionInput {
  @Field(() => Boolean, { description: "Must be true: erasure cannot be undone." })
  confirm!: boolean;
}

@InputType({ description: "Log a request that arrived by letter or phone and is answered later (e.g. a rectification)." })
export class RecordDataSubjectRequestInput extends DataSubjectActionInput {
  @Field(() => DataSubjectRequestKind)
  kind!: DataSubjectRequestKind;
}

@InputType()
export class CompleteDataSubjectRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: "How it was answered; replaces the note." })
  note?: string | null;
}

@InputType({ description: "Narrows the request log; criteria combine with AND." })
export class DataSubjectRequestFilter {
  @Field(() => Boolean, { nullable: true, description: "true: not completed; false: completed." })
  open?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "true: open and past the deadline." })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true })
  memberId?: string | null;

  @Field(() => DataSubjectRequestKind, { nullable: true })
  kind?: DataSubjectRequestKind | null;
}

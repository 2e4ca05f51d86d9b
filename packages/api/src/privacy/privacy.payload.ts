import { createUnionType, Field, ObjectType } from "type-graphql";
import { NotFound } from "../common/errors/not-found.js";
import { DataExport, DataSubjectRequest, MemberPrivacyStatus } from "./privacy.type.js";

export const PrivacyActionError = createUnionType({ name: "PrivacyActionError", types: () => [NotFound] as const });

@ObjectType()
export class ExportMemberDataPayload {
  @Field(() => DataExport, { nullable: true })
  export!: DataExport | null;

  @Field(() => DataSubjectRequest, { nullable: true, description: "The request answered, in the request log." })
  dataSubjectRequest!: DataSubjectRequest | null;

  @Field(() => [PrivacyActionError])
  errors!: Array<typeof PrivacyActionError>;
}

@ObjectType()
export class ProcessingRestrictionPayload {
  @Field(() => MemberPrivacyStatus, { nullable: true })
  privacy!: MemberPrivacyStatus | null;

  @Field(() => DataSubjectRequest, { nullable: true, description: "Null when nothing changed (already in that state)." })
  dataSubjectRequest!: DataSubjectRequest | null;

  @Field(() => [PrivacyActionError])
  errors!: Array<typeof PrivacyActionError>;
}

@ObjectType()
export class EraseMemberPayload {
  @Field(() => MemberPrivacyStatus, { nullable: true })
  privacy!: MemberPrivacyStatus | null;

  @Field(() => DataSubjectRequest, { nullable: true })
  dataSubjectRequest!: DataSubjectRequest | null;

  @Field(() => [PrivacyActionError])
  errors!: Array<typeof PrivacyActionError>;
}

@ObjectType()
export class DataSubjectRequestPayload {
  @Field(() => DataSubjectRequest, { nullable: true })
  dataSubjectRequest!: DataSubjectRequest | null;

  @Field(() => [PrivacyActionError])
  errors!: Array<typeof PrivacyActionError>;
}

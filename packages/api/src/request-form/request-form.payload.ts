import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { Network } from "../network/network.type.js";
import { AssignmentType, RequestForm } from "./request-form.type.js";

@ObjectType({ implements: ErrorResult, description: "The tenant already has an assignment type with this key (perhaps a retired one)." })
export class AssignmentTypeKeyTaken extends ErrorResult {
  @Field(() => AssignmentType, { description: "The type that has the key." })
  assignmentType!: AssignmentType;
}

@ObjectType({ implements: ErrorResult, description: "Request forms in use offer this assignment type; take it off them first." })
export class AssignmentTypeInUse extends ErrorResult {
  @Field(() => [RequestForm])
  requestForms!: RequestForm[];
}

@ObjectType({ implements: ErrorResult, description: "Another form in use has the same name (ignoring case and accents)." })
export class RequestFormNameTaken extends ErrorResult {
  @Field(() => String)
  name!: string;
}

@ObjectType({ implements: ErrorResult, description: "The form is the tenant's default or networks use it; point them elsewhere first." })
export class RequestFormInUse extends ErrorResult {
  @Field(() => Boolean)
  isTenantDefault!: boolean;

  @Field(() => [Network], { description: "The networks (not retired) that name this form." })
  networks!: Network[];
}

export const CreateAssignmentTypeError = createUnionType({
  name: "CreateAssignmentTypeError",
  types: () => [AssignmentTypeKeyTaken] as const,
});
export const UpdateAssignmentTypeError = createUnionType({ name: "UpdateAssignmentTypeError", types: () => [NotFound] as const });
export const RetireAssignmentTypeError = createUnionType({
  name: "RetireAssignmentTypeError",
  types: () => [NotFound, AssignmentTypeInUse] as const,
});
export const CreateRequestFormError = createUnionType({ name: "CreateRequestFormError", types: () => [RequestFormNameTaken] as const });
export const UpdateRequestFormError = createUnionType({
  name: "UpdateRequestFormError",
  types: () => [NotFound, RequestFormNameTaken] as const,
});
export const SetTenantDefaultRequestFormError = createUnionType({
  name: "SetTenantDefaultRequestFormError",
  types: () => [NotFound] as const,
});
export const RetireRequestFormError = createUnionType({
  name: "RetireRequestFormError",
  types: () => [NotFound, RequestFormInUse] as const,
});

@ObjectType()
export class CreateAssignmentTypePayload {
  @Field(() => AssignmentType, { nullable: true, description: "The new type; null when it was not created." })
  assignmentType!: AssignmentType | null;

  @Field(() => [CreateAssignmentTypeError])
  errors!: Array<typeof CreateAssignmentTypeError>;
}

@ObjectType()
export class UpdateAssignmentTypePayload {
  @Field(() => AssignmentType, { nullable: true })
  assignmentType!: AssignmentType | null;

  @Field(() => [UpdateAssignmentTypeError])
  errors!: Array<typeof UpdateAssignmentTypeError>;
}

@ObjectType()
export class RetireAssignmentTypePayload {
  @Field(() => AssignmentType, { nullable: true })
  assignmentType!: AssignmentType | null;

  @Field(() => [RetireAssignmentTypeError])
  errors!: Array<typeof RetireAssignmentTypeError>;
}

@ObjectType()
export class CreateRequestFormPayload {
  @Field(() => RequestForm, { nullable: true, description: "The new form; null when it was not created." })
  requestForm!: RequestForm | null;

  @Field(() => [CreateRequestFormError])
  errors!: Array<typeof CreateRequestFormError>;
}

@ObjectType()
export class UpdateRequestFormPayload {
  @Field(() => RequestForm, { nullable: true, description: "The form as it is now; null when it was not changed." })
  requestForm!: RequestForm | null;

  @Field(() => [UpdateRequestFormError])
  errors!: Array<typeof UpdateRequestFormError>;
}

@ObjectType()
export class SetTenantDefaultRequestFormPayload {
  @Field(() => RequestForm, { nullable: true })
  requestForm!: RequestForm | null;

  @Field(() => [SetTenantDefaultRequestFormError])
  errors!: Array<typeof SetTenantDefaultRequestFormError>;
}

@ObjectType()
export class RetireRequestFormPayload {
  @Field(() => RequestForm, { nullable: true })
  requestForm!: RequestForm | null;

  @Field(() => [RetireRequestFormError])
  errors!: Array<typeof RetireRequestFormError>;
}

import type { Locale } from "@medverkan/domain";
import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { Network } from "./network.type.js";

@ObjectType({ implements: ErrorResult, description: "Another network of the tenant already has this slug (perhaps a retired one)." })
export class SlugTaken extends ErrorResult {
  @Field(() => String)
  slug!: string;
}

export function slugTaken(slug: string, locale: Locale): SlugTaken {
  const messages = {
    sv: `Kortnamnet ${slug} används redan av ett annat nätverk i regionen.`,
    en: `The slug ${slug} is already used by another network of the tenant.`,
  };
  return errorResult(SlugTaken, "SLUG_TAKEN", messages, locale, { slug });
}

export const CreateNetworkError = createUnionType({ name: "CreateNetworkError", types: () => [SlugTaken] as const });
export const UpdateNetworkError = createUnionType({ name: "UpdateNetworkError", types: () => [NotFound, SlugTaken] as const });
export const RetireNetworkError = createUnionType({ name: "RetireNetworkError", types: () => [NotFound] as const });

@ObjectType()
export class CreateNetworkPayload {
  @Field(() => Network, { nullable: true, description: "The new network; null when it was not created." })
  network!: Network | null;

  @Field(() => [CreateNetworkError])
  errors!: Array<typeof CreateNetworkError>;
}

@ObjectType()
export class UpdateNetworkPayload {
  @Field(() => Network, { nullable: true, description: "The network as it is now; null when it was not changed." })
  network!: Network | null;

  @Field(() => [UpdateNetworkError])
  errors!: Array<typeof UpdateNetworkError>;
}

@ObjectType()
export class RetireNetworkPayload {
  @Field(() => Network, { nullable: true })
  network!: Network | null;

  @Field(() => [RetireNetworkError])
  errors!: Array<typeof RetireNetworkError>;
}

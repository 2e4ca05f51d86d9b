import type { Locale } from "@medverkan/domain";
import { createUnionType, Field, ID, ObjectType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { ExperienceTag } from "../member/member.type.js";
import type { TaxonomyTag } from "./taxonomy.type.js";

@ObjectType({ implements: ErrorResult, description: "Another tag of the tenant already has this key (perhaps a retired one)." })
export class KeyTaken extends ErrorResult {
  @Field(() => String)
  key!: string;
}

@ObjectType({ implements: ErrorResult, description: "The move would put a tag under itself or under one of the tags below it." })
export class TaxonomyCycle extends ErrorResult {
  @Field(() => ID, { description: "The parent that was asked for." })
  parentId!: string;
}

export function keyTaken(key: string, locale: Locale): KeyTaken {
  const messages = {
    sv: `Nyckeln ${key} används redan i regionens taxonomi.`,
    en: `The key ${key} is already used in the tenant's taxonomy.`,
  };
  return errorResult(KeyTaken, "KEY_TAKEN", messages, locale, { key });
}

export function taxonomyCycle(parentId: string, locale: Locale): TaxonomyCycle {
  const messages = {
    sv: "En erfarenhet kan inte placeras under sig själv eller under någon av sina underordnade erfarenheter.",
    en: "A tag cannot be put under itself or under any of the tags below it.",
  };
  return errorResult(TaxonomyCycle, "TAXONOMY_CYCLE", messages, locale, { parentId });
}

export const CreateExperienceTagError = createUnionType({ name: "CreateExperienceTagError", types: () => [KeyTaken] as const });
export const UpdateExperienceTagError = createUnionType({
  name: "UpdateExperienceTagError",
  types: () => [NotFound, TaxonomyCycle] as const,
});
export const RetireExperienceTagError = createUnionType({ name: "RetireExperienceTagError", types: () => [NotFound] as const });

@ObjectType()
export class CreateExperienceTagPayload {
  @Field(() => ExperienceTag, { nullable: true })
  experienceTag!: TaxonomyTag | null;

  @Field(() => [CreateExperienceTagError])
  errors!: Array<typeof CreateExperienceTagError>;
}

@ObjectType()
export class UpdateExperienceTagPayload {
  @Field(() => ExperienceTag, { nullable: true })
  experienceTag!: TaxonomyTag | null;

  @Field(() => [UpdateExperienceTagError])
  errors!: Array<typeof UpdateExperienceTagError>;
}

@ObjectType()
export class RetireExperienceTagPayload {
  @Field(() => ExperienceTag, { nullable: true })
  experienceTag!: TaxonomyTag | null;

  @Field(() => [ExperienceTag], { description: "Every tag retired by this call: the tag and the tags under it that were still offered." })
  retiredTags!: TaxonomyTag[];

  @Field(() => [RetireExperienceTagError])
  errors!: Array<typeof RetireExperienceTagError>;
}

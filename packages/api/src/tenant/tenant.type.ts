import { Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum ConsentKind {
  PROCESSING = "PROCESSING",
  CONTACT_SHARING = "CONTACT_SHARING",
  GUARDIAN = "GUARDIAN",
}
registerEnumType(ConsentKind, { name: "ConsentKind", description: "What a consent is for." });

@ObjectType({ description: "A region (or other organiser of participation) on the platform." })
export class Tenant {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Stable short name, e.g. `kalmar`." })
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "BCP 47, e.g. `sv-SE`." })
  locale!: string;

  @Field(() => String, { description: "IANA time zone, e.g. `Europe/Stockholm`." })
  timeZone!: string;

  @Field(() => String, { description: "ISO 4217, e.g. `SEK`." })
  currency!: string;
}

@ObjectType({ description: "The exact text a person is asked to consent to, by version." })
export class ConsentText {
  @Field(() => ConsentKind)
  kind!: ConsentKind;

  @Field(() => String, { description: "Send this back with the consent so the record names the text shown." })
  version!: string;

  @Field(() => String, { description: "The text in the request's language." })
  text!: string;

  @Field(() => String)
  textSv!: string;

  @Field(() => String)
  textEn!: string;

  @Field(() => Date)
  publishedAt!: Date;
}

import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "The Swedish and English label of one enum value, for a front end to show instead of the code." })
export class VocabularyEntry {
  @Field(() => String, { description: "The enum's name in this schema, e.g. `RequestStatus`." })
  enum!: string;

  @Field(() => String, { description: "The value as the API sends it, e.g. `PARTLY_FILLED`." })
  value!: string;

  @Field(() => String, { description: "In the request's language (`Accept-Language`; Swedish by default)." })
  label!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;
}

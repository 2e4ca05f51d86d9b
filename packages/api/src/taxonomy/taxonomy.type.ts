import { Connection } from "../common/pagination/connection.js";
import { ExperienceTag } from "../member/member.type.js";

/**
 * An experience tag as the taxonomy serves it: the member feature's `ExperienceTag` type, extended (by field resolvers
 * in this folder) with when it was retired, its version and the tags under it. `children` is filled in when the whole tree was
 * built at once (the public taxonomy), so nested levels cost no further queries.
 */
export type TaxonomyTag = ExperienceTag & { retiredAt?: Date | null; version?: number; children?: TaxonomyTag[] };

export const ExperienceTagConnection = Connection(ExperienceTag, "ExperienceTag");

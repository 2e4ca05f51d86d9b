import { Prisma } from "@medverkan/database";

// The one definition of "this member's data may be used" (GDPR art. 17 and 18): not erased and processing not
// restricted. Matching, invitations, pool search, notifications and released contacts all select members through it,
// in Prisma's where-clauses or in SQL, so the rule cannot drift between features.

/** A `Member` where-clause: the member may be selected for processing. */
export const processingAllowedWhere = { erasedAt: null, restrictedAt: null } as const satisfies Prisma.MemberWhereInput;

/** The same rule in SQL, for the member table under the given alias (an identifier written in code, never input). */
export function processingAllowedSql(memberAlias: string): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`${memberAlias}."${name}"`);
  return Prisma.sql`${column("erasedAt")} IS NULL AND ${column("restrictedAt")} IS NULL`;
}

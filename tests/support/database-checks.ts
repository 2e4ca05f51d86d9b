import type { TestApi } from "@medverkan/api/testing";
import { tenantId } from "./database-steps.js";

// The few facts a spec must check that no caller of the API can see, because the API hides them on purpose (what an
// erasure left behind, which members are restricted), and the stored rows a spec computes its expectations from when
// the only way the API lists them is the code under test. Each is a named check, so test files do not reach into the
// database themselves; everything the API can tell is asserted through the API.

/**
 * What each of the member's memberships still stores of the answers to the region's registration questions (one
 * entry per membership). After an erasure no caller can read them: the API shows them only in the intake queue, which
 * leaves erased memberships out, and in the person's own export, whose sign-in the erasure clears.
 */
export async function registrationAnswersStoredFor(api: TestApi, memberId: string): Promise<unknown[]> {
  const memberships = await api.running.database.prisma.membership.findMany({ where: { memberId }, select: { registrationAnswers: true } });
  return memberships.map((membership) => membership.registrationAnswers);
}

export interface StoredPoolMember {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: Date | null;
  birthYear: number | null;
  municipality: string | null;
  perspectives: string[];
  languages: string[];
  competences: string[];
  /** The experience tags the member has, by id. */
  tagIds: string[];
  memberships: Array<{
    networkId: string;
    status: string;
    trainedAt: Date | null;
    lastInvitedAt: Date | null;
    lastAssignmentAt: Date | null;
  }>;
}

/**
 * The tenant's pool as stored: every member the tenant may process (neither erased nor restricted, GDPR art. 17 and
 * 18), with their memberships and experience tags. The pool-search spec computes what a search should find from
 * these rows, independently of the API: every way the API lists members is the pool search itself, and it leaves the
 * restricted and erased out on purpose, so reading the pool through it would compare the search with itself.
 */
export async function poolAsStored(api: TestApi, tenant: string): Promise<StoredPoolMember[]> {
  const rows = await api.running.database.prisma.member.findMany({
    where: { tenantId: await tenantId(api, tenant), erasedAt: null, restrictedAt: null },
    include: { memberships: true, experiences: true },
  });
  return rows.map((row) => ({
    id: row.id,
    givenName: row.givenName,
    familyName: row.familyName,
    birthDate: row.birthDate,
    birthYear: row.birthYear,
    municipality: row.municipality,
    perspectives: row.perspectives,
    languages: row.languages,
    competences: row.competences,
    tagIds: row.experiences.map((experience) => experience.tagId),
    memberships: row.memberships.map(({ networkId, status, trainedAt, lastInvitedAt, lastAssignmentAt }) => ({
      networkId,
      status,
      trainedAt,
      lastInvitedAt,
      lastAssignmentAt,
    })),
  }));
}

/**
 * How many participants from outside the pool are stored, in every tenant together, or whether the one with `id` is
 * still stored. No caller can tell: a unit and the network's coordinators see those of their own requests only (a
 * record stored on someone else's request would not show), reading them is itself audited (which the specs count),
 * and a removal is an erasure, after which the API shows nothing whether or not a row was left behind.
 */
export async function outsidePoolParticipantsStored(api: TestApi, id?: string): Promise<number> {
  return api.running.database.prisma.outsidePoolParticipant.count(id ? { where: { id } } : undefined);
}

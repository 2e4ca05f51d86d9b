import type { TestApi } from "@medverkan/api/testing";

// The few facts a spec must check that no caller of the API can see, because the API hides them on purpose (what an
// erasure left behind). Each is a named check, so test files do not reach into the database themselves; everything
// the API can tell is asserted through the API.

/**
 * What each of the member's memberships still stores of the answers to the region's registration questions (one
 * entry per membership). After an erasure no caller can read them: the API shows them only in the intake queue, which
 * leaves erased memberships out, and in the person's own export, whose sign-in the erasure clears.
 */
export async function registrationAnswersStoredFor(api: TestApi, memberId: string): Promise<unknown[]> {
  const memberships = await api.running.database.prisma.membership.findMany({ where: { memberId }, select: { registrationAnswers: true } });
  return memberships.map((membership) => membership.registrationAnswers);
}

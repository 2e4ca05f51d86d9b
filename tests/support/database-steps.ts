import type { TestApi } from "@medverkan/api/testing";

// The few things a test world needs that no client can do through the API (time passing, a person having signed in
// through the tenant's identity provider before). Each is a named step, used inside a scenario (scenarios.ts), so
// test files do not reach into the database themselves.

const prisma = (api: TestApi) => api.running.database.prisma;

export async function tenantId(api: TestApi, slug: string): Promise<string> {
  const row = await prisma(api).tenant.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  return row.id;
}

/** Time passes: the invitation's answer time has run out (a minute ago). */
export async function letTheAnswerTimeRunOut(api: TestApi, invitationId: string): Promise<void> {
  await prisma(api).invitation.updateMany({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 60_000) } });
}

/** Time passes: the occasion has taken place (it is moved to yesterday, keeping its length). */
export async function letTheOccasionTakePlaceYesterday(api: TestApi, occasionId: string): Promise<void> {
  const occasion = await prisma(api).occasion.findFirstOrThrow({ where: { id: occasionId } });
  const startsAt = new Date(Date.now() - 86_400_000);
  await prisma(api).occasion.updateMany({
    where: { id: occasionId },
    data: { startsAt, endsAt: new Date(startsAt.getTime() + (occasion.endsAt.getTime() - occasion.startsAt.getTime())) },
  });
}

/**
 * Pool members have signed in through the tenant's identity provider before (a seeded member has no login), so the
 * specs can act as them: a token per member, signed with the tenant's trusted key.
 */
export async function membersHaveSignedIn(api: TestApi, tenant: string, memberIds: readonly string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const id = await tenantId(api, tenant);
  for (const memberId of memberIds) {
    const row = await prisma(api).member.findUniqueOrThrow({ where: { tenantId_id: { tenantId: id, id: memberId } } });
    const subject = row.subject ?? `${tenant}-spec-member-${memberId}`;
    if (!row.subject) await prisma(api).member.update({ where: { tenantId_id: { tenantId: id, id: memberId } }, data: { subject } });
    tokens.set(memberId, await api.signToken({ subject, audience: `medverkan:${tenant}` }));
  }
  return tokens;
}

/**
 * Of these members, those with nothing in the way of an invitation: not restricted or erased, and no pause (the pool
 * search lists them all; a pause on another date does not show there).
 */
export async function withNothingInTheWay(api: TestApi, memberIds: readonly string[]): Promise<string[]> {
  const free = await prisma(api).member.findMany({
    where: { id: { in: [...memberIds] }, restrictedAt: null, erasedAt: null, pauses: { none: {} } },
    select: { id: true },
  });
  return free.map((row) => row.id);
}

// What the generator needs to know about a configured tenant, read back from the database: the ids of its networks,
// taxonomy, units, staff, assignment types, fee schedule versions and consent texts.
import { type FeeScheduleVersion, REGION_SEEDS } from "@medverkan/domain";
import type pg from "pg";

export interface TenantRefs {
  readonly id: string;
  readonly slug: string;
  readonly invitationExpiryDays: number;
  /** The tenant's default intake rules ask for attended training before a member becomes active. */
  readonly trainingRequired: boolean;
  readonly networks: ReadonlyArray<{ id: string; slug: string; careDomain: string; coordinatorIds: string[] }>;
  readonly tags: ReadonlyArray<{ id: string; key: string; parentId: string | null; relative: boolean; leaf: boolean }>;
  readonly units: ReadonlyArray<{ id: string; organisationId: string; costCentreId: string | null; requesters: RequesterRef[] }>;
  readonly assignmentTypes: ReadonlyArray<{ id: string; key: string; labelSv: string }>;
  readonly feeVersions: ReadonlyArray<{ id: string; version: FeeScheduleVersion }>;
  readonly consentTexts: { processing: string; contactSharing: string };
  readonly payerFor: (organisationId: string) => string;
}

export interface RequesterRef {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
}

export async function readTenantRefs(client: pg.ClientBase, slug: string, template: string): Promise<TenantRefs> {
  const tenant = (
    await client.query<{ id: string; invitationExpiryDays: number }>(`SELECT id, "invitationExpiryDays" FROM "Tenant" WHERE slug = $1`, [
      slug,
    ])
  ).rows[0];
  if (!tenant) throw new Error(`No tenant "${slug}"`);
  const q = async <Row extends pg.QueryResultRow>(sql: string) => (await client.query<Row>(sql, [tenant.id])).rows;

  const grants = await q<{
    staffUserId: string;
    role: string;
    networkId: string | null;
    unitId: string | null;
    name: string;
    email: string;
    phone: string | null;
  }>(
    `SELECT g."staffUserId", g.role, g."networkId", g."unitId", s.name, s.email, s.phone
       FROM "RoleGrant" g JOIN "StaffUser" s ON s."tenantId" = g."tenantId" AND s.id = g."staffUserId"
      WHERE g."tenantId" = $1 AND g."revokedAt" IS NULL AND s."disabledAt" IS NULL ORDER BY s.subject`,
  );
  const networks = (
    await q<{ id: string; slug: string; careDomain: string }>(
      `SELECT id, slug, "careDomain" FROM "Network" WHERE "tenantId" = $1 AND "retiredAt" IS NULL ORDER BY slug`,
    )
  ).map((network) => ({
    ...network,
    coordinatorIds: grants
      .filter((grant) => grant.role === "COORDINATOR" && (grant.networkId === null || grant.networkId === network.id))
      .map((grant) => grant.staffUserId),
  }));

  const tagRows = await q<{ id: string; key: string; parentId: string | null }>(
    `SELECT id, key, "parentId" FROM "ExperienceTag" WHERE "tenantId" = $1 AND "retiredAt" IS NULL ORDER BY key`,
  );
  const byId = new Map(tagRows.map((tag) => [tag.id, tag]));
  const parents = new Set(tagRows.map((tag) => tag.parentId).filter((id) => id !== null));
  const underRelative = (tag: { key: string; parentId: string | null }): boolean =>
    tag.key === "narstaende" || (tag.parentId !== null && underRelative(byId.get(tag.parentId) ?? { key: "", parentId: null }));
  const tags = tagRows.map((tag) => ({ ...tag, relative: underRelative(tag), leaf: !parents.has(tag.id) }));

  const units = (
    await q<{ id: string; organisationId: string; costCentreId: string | null }>(
      `SELECT u.id, u."organisationId", (SELECT c.id FROM "CostCentre" c WHERE c."tenantId" = u."tenantId" AND c."unitId" = u.id LIMIT 1) AS "costCentreId"
       FROM "Unit" u WHERE u."tenantId" = $1 AND u."retiredAt" IS NULL ORDER BY u.name`,
    )
  ).map((unit) => ({
    ...unit,
    requesters: grants
      .filter((grant) => grant.role === "REQUESTER" && grant.unitId === unit.id)
      .map((grant) => ({ id: grant.staffUserId, name: grant.name, email: grant.email, phone: grant.phone })),
  }));

  const assignmentTypes = await q<{ id: string; key: string; labelSv: string }>(
    `SELECT id, key, "labelSv" FROM "AssignmentType" WHERE "tenantId" = $1 AND "retiredAt" IS NULL ORDER BY key`,
  );

  // The database row and the domain's version are the same rules; the domain's (by validity date) computes the fees.
  const region = REGION_SEEDS.find((candidate) => candidate.tenant.slug === template);
  if (!region) throw new Error(`No region seed "${template}"`);
  const feeVersions = (
    await q<{ id: string; validFrom: string }>(
      `SELECT id, to_char("validFrom", 'YYYY-MM-DD') AS "validFrom" FROM "FeeScheduleVersion" WHERE "tenantId" = $1 ORDER BY "validFrom"`,
    )
  ).flatMap((row) => {
    const version = region.feeSchedules.find((candidate) => candidate.validFrom === row.validFrom);
    return version ? [{ id: row.id, version }] : [];
  });

  const consent = await q<{ id: string; kind: string }>(
    `SELECT id, kind FROM "ConsentText" WHERE "tenantId" = $1 AND "retiredAt" IS NULL ORDER BY "publishedAt" DESC`,
  );
  const text = (kind: string) =>
    consent.find((row) => row.kind === kind)?.id ??
    (() => {
      throw new Error(`${slug}: no ${kind} consent text`);
    })();

  const organisations = await q<{ id: string; kind: string; paysOwnParticipants: boolean }>(
    `SELECT id, kind, "paysOwnParticipants" FROM "Organisation" WHERE "tenantId" = $1 ORDER BY name`,
  );
  const regionOrganisation = organisations.find((organisation) => organisation.kind === "REGION_UNIT") ?? organisations[0];
  const paysOwn = new Set(organisations.filter((organisation) => organisation.paysOwnParticipants).map((organisation) => organisation.id));

  const rules = await q<{ requireTrainingAttended: boolean }>(
    `SELECT "requireTrainingAttended" FROM "IntakeRuleSet" WHERE "tenantId" = $1 AND "isTenantDefault" AND "retiredAt" IS NULL`,
  );
  return {
    id: tenant.id,
    slug,
    invitationExpiryDays: tenant.invitationExpiryDays,
    trainingRequired: rules[0]?.requireTrainingAttended ?? false,
    networks,
    tags,
    units: units.filter((unit) => unit.requesters.length > 0 || units.every((other) => other.requesters.length === 0)),
    assignmentTypes,
    feeVersions,
    consentTexts: { processing: text("PROCESSING"), contactSharing: text("CONTACT_SHARING") },
    payerFor: (organisationId) => (paysOwn.has(organisationId) ? organisationId : (regionOrganisation?.id ?? organisationId)),
  };
}

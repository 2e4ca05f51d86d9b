// Plans a tenant's configuration: intake rules, request form and assignment types, fee schedule and its versions
// (all mapped from @medverkan/domain's region seed, never restated here), then consent texts, the experience
// taxonomy, organisations with units and cost centres, networks, staff with their role grants, and training sessions.
import { feeScheduleVersionColumns, type OrganisationKind } from "../src/index.js";
import { CONFIGURATION_EPOCH, type PlanContext } from "./context.js";
import { EmailBook, emailLocalPart, LandlineBook } from "./people.js";
import { flattenTaxonomy, relativePerspective } from "./taxonomy.js";
import { stockholm } from "./time.js";

/**
 * Lifecycle columns of configuration rows, stated explicitly so that re-seeding also undoes a retirement or an
 * edit made through the API (the writer only compares and updates the columns a planned row names).
 */
const LIVE = { retiredAt: null, version: 1 } as const;

export function planConfiguration(ctx: PlanContext): void {
  const { plan, refs } = ctx;
  const intakeRuleSetId = planIntakeRules(ctx);
  const requestFormId = planRequestForm(ctx);
  const feeScheduleId = planFeeSchedule(ctx);
  planConsentTexts(ctx);
  planTaxonomy(ctx);
  planOrganisations(ctx);

  // Networks as the region describes them; each uses the tenant's default rule set, form and schedule, linked
  // explicitly so an administrator sees which configuration applies.
  const pools = new Set(ctx.demo.networks.map((pool) => pool.slug));
  for (const network of ctx.region.networks) {
    if (!pools.has(network.key)) ctx.fail(`the domain's network "${network.key}" has no member pool in the demo seed`);
    const contactEmail = network.contactEmail ?? ctx.demo.fallbackContactEmail;
    if (!contactEmail) ctx.fail(`network "${network.key}" has no contact address`);
    const id = ctx.id("network", network.key);
    plan.networks.push({
      id,
      slug: network.key,
      name: network.name,
      description: network.description.sv,
      careDomain: network.careDomain,
      contactEmail,
      intakeRuleSetId,
      requestFormId,
      feeScheduleId,
      createdAt: CONFIGURATION_EPOCH,
      updatedAt: CONFIGURATION_EPOCH,
      ...LIVE,
    });
    refs.networks.set(network.key, { id, slug: network.key, name: network.name, rules: ctx.region.intakeRules, coordinatorIds: [] });
  }
  for (const pool of ctx.demo.networks) ctx.network(pool.slug);

  planStaff(ctx);
  planTrainingSessions(ctx);
}

function planIntakeRules(ctx: PlanContext): string {
  const rules = ctx.region.intakeRules;
  const id = ctx.id("intake-rule-set", "default");
  ctx.plan.intakeRuleSets.push({
    id,
    name: ctx.demo.configurationNames.intakeRuleSet,
    isTenantDefault: true,
    minimumAge: rules.minimumAge,
    guardianConsentBelowAge: rules.guardianConsentBelowAge,
    requireContactCall: rules.requireContactCall,
    requireIntroductionMeeting: rules.requireIntroductionMeeting,
    requireTrainingAttended: rules.requireTrainingAttended,
    // The domain says "null: anyone"; the table keeps the list and a flag (see the API's intake-rules mapper).
    allowedMunicipalities: rules.allowedMunicipalities ? [...rules.allowedMunicipalities] : [],
    restrictMunicipalities: rules.allowedMunicipalities !== null,
    recordOrganisationMandate: rules.recordOrganisationMandate,
    followUpWithinDays: rules.followUpWithinDays,
    createdAt: CONFIGURATION_EPOCH,
    updatedAt: CONFIGURATION_EPOCH,
    ...LIVE,
  });
  return id;
}

function planRequestForm(ctx: PlanContext): string {
  const form = ctx.region.requestForm;
  const id = ctx.id("request-form", "default");
  ctx.plan.requestForms.push({
    id,
    name: ctx.demo.configurationNames.requestForm,
    isTenantDefault: true,
    fields: form.fields.map((field) => ({ field: field.field, required: field.required, help: { sv: field.help.sv, en: field.help.en } })),
    assignmentTypeKeys: form.assignmentTypes.map((type) => type.key),
    questions: JSON.parse(JSON.stringify(form.questions ?? [])),
    createdAt: CONFIGURATION_EPOCH,
    updatedAt: CONFIGURATION_EPOCH,
    ...LIVE,
  });
  for (const type of form.assignmentTypes) {
    const typeId = ctx.id("assignment-type", type.key);
    ctx.plan.assignmentTypes.push({ id: typeId, key: type.key, labelSv: type.label.sv, labelEn: type.label.en, retiredAt: null });
    ctx.refs.assignmentTypes.set(type.key, typeId);
  }
  return id;
}

function planFeeSchedule(ctx: PlanContext): string {
  const id = ctx.id("fee-schedule", "default");
  ctx.plan.feeSchedules.push({
    id,
    name: ctx.demo.configurationNames.feeSchedule,
    isTenantDefault: true,
    createdAt: CONFIGURATION_EPOCH,
    ...LIVE,
  });
  const sourceDocument = ctx.region.sources.join("; ");
  for (const version of ctx.region.feeSchedules) {
    const versionId = ctx.id("fee-schedule-version", version.validFrom);
    ctx.plan.feeScheduleVersions.push({
      id: versionId,
      feeScheduleId: id,
      ...feeScheduleVersionColumns(version),
      sourceDocument,
      createdAt: new Date(Math.max(stockholm(version.validFrom, "08:00").getTime(), CONFIGURATION_EPOCH.getTime())),
    });
    ctx.refs.feeVersions.push({ id: versionId, version });
  }
  return id;
}

function planConsentTexts(ctx: PlanContext): void {
  const texts = ctx.demo.consentTexts;
  const row = (kind: "PROCESSING" | "CONTACT_SHARING" | "GUARDIAN", text: { sv: string; en: string }) => {
    const id = ctx.id("consent-text", kind, "1");
    ctx.plan.consentTexts.push({
      id,
      kind,
      version: "1",
      textSv: text.sv,
      textEn: text.en,
      publishedAt: CONFIGURATION_EPOCH,
      retiredAt: null,
    });
    return id;
  };
  ctx.refs.consentTexts = {
    processing: row("PROCESSING", texts.processing),
    contactSharing: row("CONTACT_SHARING", texts.contactSharing),
    guardian: row("GUARDIAN", texts.guardian),
  };
}

function planTaxonomy(ctx: PlanContext): void {
  const relativeKeys = new Set(flattenTaxonomy([relativePerspective]).map(({ node }) => node.key));
  for (const { node, parentKey } of flattenTaxonomy(ctx.demo.taxonomy)) {
    if (ctx.refs.tags.has(node.key)) ctx.fail(`experience tag key "${node.key}" is used twice`);
    const id = ctx.id("experience-tag", node.key);
    ctx.plan.experienceTags.push({
      id,
      parentId: parentKey === null ? null : ctx.tag(parentKey).id,
      key: node.key,
      labelSv: node.sv,
      labelEn: node.en,
      retiredAt: null,
    });
    ctx.refs.tags.set(node.key, { id, key: node.key, parentKey, labelSv: node.sv, relative: relativeKeys.has(node.key) });
  }
}

const ORGANISATION_KINDS: Readonly<Record<string, OrganisationKind>> = {
  REGION_UNIT: "REGION_UNIT",
  MUNICIPALITY: "MUNICIPALITY",
  FEDERATION: "FEDERATION",
  ASSOCIATION: "ASSOCIATION",
  PATIENT_ORGANISATION: "PATIENT_ORGANISATION",
};

function planOrganisations(ctx: PlanContext): void {
  const extras = new Map(ctx.demo.organisations.map((organisation) => [organisation.name, organisation]));
  const organisations = [
    ...ctx.region.organisations.map((organisation) => {
      const kind = ORGANISATION_KINDS[organisation.kind] ?? ctx.fail(`unknown organisation kind "${organisation.kind}"`);
      return { name: organisation.name, kind, demo: extras.get(organisation.name) };
    }),
    // Organisations the region's documents imply but the domain's list does not name (patient organisations,
    // a municipality whose units send requests).
    ...ctx.demo.organisations
      .filter((organisation) => !ctx.region.organisations.some((known) => known.name === organisation.name))
      .map((organisation) => ({
        name: organisation.name,
        kind: organisation.kind ?? ctx.fail(`organisation "${organisation.name}" is not in the domain's list and has no kind`),
        demo: organisation,
      })),
  ];

  for (const { name, kind, demo } of organisations) {
    const id = ctx.id("organisation", name);
    const paysOwnParticipants = demo?.paysOwnParticipants ?? false;
    ctx.plan.organisations.push({ id, name, kind, paysOwnParticipants, createdAt: CONFIGURATION_EPOCH, retiredAt: null });
    ctx.refs.organisations.set(name, { id, name, paysOwnParticipants });
    if (kind === "REGION_UNIT" && ctx.refs.regionOrganisationId === null) ctx.refs.regionOrganisationId = id;

    for (const unit of demo?.units ?? []) {
      const unitId = ctx.id("unit", unit.key);
      if (ctx.refs.units.has(unit.key)) ctx.fail(`unit key "${unit.key}" is used twice`);
      ctx.plan.units.push({ id: unitId, organisationId: id, name: unit.name, createdAt: CONFIGURATION_EPOCH, retiredAt: null });
      const costCentreId = planCostCentre(ctx, id, unitId, unit.costCentre, false);
      ctx.refs.units.set(unit.key, { id: unitId, key: unit.key, name: unit.name, organisationId: id, costCentreId });
    }
    for (const shared of demo?.sharedCostCentres ?? []) planCostCentre(ctx, id, null, shared, true);
  }
  if (ctx.refs.regionOrganisationId === null) ctx.fail("no organisation of kind REGION_UNIT");
}

function planCostCentre(
  ctx: PlanContext,
  organisationId: string,
  unitId: string | null,
  costCentre: { code: string; name: string },
  shared: boolean,
): string {
  if (ctx.refs.costCentres.has(costCentre.code)) ctx.fail(`cost centre "${costCentre.code}" is used twice`);
  const id = ctx.id("cost-centre", costCentre.code);
  ctx.plan.costCentres.push({ id, organisationId, unitId, code: costCentre.code, name: costCentre.name, shared, retiredAt: null });
  ctx.refs.costCentres.set(costCentre.code, id);
  return id;
}

function planStaff(ctx: PlanContext): void {
  const emails = new EmailBook();
  const phones = new LandlineBook();
  const admin = ctx.demo.staff.find((person) => person.role === "TENANT_ADMIN") ?? ctx.fail("no tenant admin");
  const adminId = ctx.id("staff", admin.subject);
  for (const person of ctx.demo.staff) {
    if (ctx.refs.staff.has(person.subject)) ctx.fail(`staff subject "${person.subject}" is used twice`);
    if (!person.subject.startsWith(`${ctx.slug}-`)) ctx.fail(`staff subject "${person.subject}" must start with the tenant's slug`);
    const id = ctx.id("staff", person.subject);
    const unit = person.unit ? ctx.unit(person.unit) : null;
    const [given = person.name, ...rest] = person.name.split(" ");
    const email = emails.take(emailLocalPart(given, rest.join(" ")), ctx.demo.staffEmailDomain);
    const phone = phones.take();
    ctx.plan.staffUsers.push({
      id,
      subject: person.subject,
      name: person.name,
      email,
      phone,
      unitId: unit?.id ?? null,
      createdAt: CONFIGURATION_EPOCH,
      disabledAt: null,
      version: 1,
    });
    ctx.refs.staff.set(person.subject, {
      id,
      subject: person.subject,
      name: person.name,
      email,
      phone,
      role: person.role,
      unitKey: person.unit ?? null,
    });

    const grantedBy = id === adminId ? null : adminId;
    const grant = (suffix: string, networkId: string | null, unitId: string | null) =>
      ctx.plan.roleGrants.push({
        id: ctx.id("role-grant", person.subject, person.role, suffix),
        staffUserId: id,
        role: person.role,
        networkId,
        unitId,
        grantedAt: CONFIGURATION_EPOCH,
        grantedBy,
        revokedAt: null,
      });
    switch (person.role) {
      case "COORDINATOR":
        // Coordinators see members of the networks they coordinate only (SPEC §1): one grant per network.
        if (!person.networks || person.networks.length === 0) ctx.fail(`coordinator "${person.subject}" coordinates no network`);
        for (const slug of person.networks) {
          const network = ctx.network(slug);
          network.coordinatorIds.push(id);
          grant(slug, network.id, null);
        }
        break;
      case "REQUESTER":
        // A requester acts for one unit: submits its requests and attests its cost centre's claims.
        if (!unit) ctx.fail(`requester "${person.subject}" has no unit`);
        grant(unit.key, null, unit.id);
        break;
      default:
        grant("tenant", null, null);
    }
  }
  for (const network of ctx.refs.networks.values()) {
    if (network.coordinatorIds.length === 0) ctx.fail(`network "${network.slug}" has no coordinator`);
  }
}

function planTrainingSessions(ctx: PlanContext): void {
  const add = (
    key: string,
    networkSlug: string,
    title: string,
    startsAt: Date,
    endsAt: Date,
    format: "DIGITAL" | "IN_PERSON",
    place: string | null,
    capacity: number,
  ) => {
    const id = ctx.id("training-session", key);
    const network = ctx.network(networkSlug);
    ctx.plan.trainingSessions.push({
      id,
      networkId: network.id,
      title,
      startsAt,
      endsAt,
      format,
      place,
      digitalLink: format === "DIGITAL" ? `https://moten.example.se/${ctx.slug}/${key}` : null,
      capacity,
      cancelledAt: null,
      createdAt: CONFIGURATION_EPOCH < startsAt ? CONFIGURATION_EPOCH : startsAt,
    });
    ctx.refs.sessions.push({ id, networkSlug, startsAt, endsAt });
  };

  // The region's published dates. The documents do not tie them to a network, so they belong to the region's only one.
  if (ctx.region.trainingSessions.length > 0 && ctx.region.networks.length !== 1) {
    ctx.fail("the domain's training sessions need a network, and the region has more than one");
  }
  for (const session of ctx.region.trainingSessions) {
    const network = ctx.region.networks[0];
    if (!network) ctx.fail("training sessions without a network");
    const startsAt = new Date(session.startsAt);
    add(
      `published-${session.startsAt}`,
      network.key,
      session.title.sv,
      startsAt,
      new Date(session.endsAt),
      session.format === "DIGITAL" ? "DIGITAL" : "IN_PERSON",
      null,
      ctx.demo.trainingCapacity,
    );
  }
  for (const session of ctx.demo.trainingSessions) {
    const date = typeof session.date === "number" ? ctx.calendar.day(session.date) : session.date;
    add(
      session.key,
      session.network,
      session.title,
      stockholm(date, session.start),
      stockholm(date, session.end),
      session.format,
      session.place ?? null,
      session.capacity,
    );
  }
  ctx.refs.sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

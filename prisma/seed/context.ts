// What the planners of one tenant share: the domain's region configuration, the tenant's demo content, the
// calendar, deterministic ids and random streams, the plan being built, and lookups from readable keys to ids.
import type { FeeScheduleVersion, IntakeRules, PriceBaseAmounts, RegionSeed } from "@medverkan/domain";
import { seedId } from "./ids.js";
import type { TenantPlan } from "./plan.js";
import { type SeededRandom, seededRandom } from "./random.js";
import { type Calendar, stockholm } from "./time.js";
import type { TenantDemoSeed } from "./types.js";

/**
 * When the demo organisations "started" using Medverkan: configuration rows carry this as their creation time, so
 * that they are identical on every run (and older than every member, request and consent that refers to them).
 */
export const CONFIGURATION_EPOCH = stockholm("2021-06-01", "08:00");

export interface NetworkRef {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly rules: IntakeRules;
  /** Coordinators of this network, by staff id (the first is the main contact). */
  readonly coordinatorIds: string[];
}

export interface UnitRef {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly organisationId: string;
  readonly costCentreId: string;
}

export interface StaffRef {
  readonly id: string;
  readonly subject: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly role: string;
  readonly unitKey: string | null;
}

export interface TagRef {
  readonly id: string;
  readonly key: string;
  readonly parentKey: string | null;
  readonly labelSv: string;
  /** Under the relative's-perspective branch: describes the person as a relative. */
  readonly relative: boolean;
}

export interface OrganisationRef {
  readonly id: string;
  readonly name: string;
  readonly paysOwnParticipants: boolean;
}

export interface SessionRef {
  readonly id: string;
  readonly networkSlug: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

export interface FeeVersionRef {
  readonly id: string;
  readonly version: FeeScheduleVersion;
}

export interface Refs {
  readonly networks: Map<string, NetworkRef>;
  readonly units: Map<string, UnitRef>;
  readonly costCentres: Map<string, string>;
  readonly staff: Map<string, StaffRef>;
  readonly tags: Map<string, TagRef>;
  readonly assignmentTypes: Map<string, string>;
  readonly organisations: Map<string, OrganisationRef>;
  readonly sessions: SessionRef[];
  readonly feeVersions: FeeVersionRef[];
  consentTexts: { processing: string; contactSharing: string; guardian: string } | null;
  /** The organisation whose payroll pays claims unless a municipality pays its own. */
  regionOrganisationId: string | null;
}

export class PlanContext {
  readonly refs: Refs = {
    networks: new Map(),
    units: new Map(),
    costCentres: new Map(),
    staff: new Map(),
    tags: new Map(),
    assignmentTypes: new Map(),
    organisations: new Map(),
    sessions: [],
    feeVersions: [],
    consentTexts: null,
    regionOrganisationId: null,
  };

  constructor(
    readonly region: RegionSeed,
    readonly demo: TenantDemoSeed,
    readonly calendar: Calendar,
    readonly priceBaseAmounts: PriceBaseAmounts,
    readonly plan: TenantPlan,
  ) {}

  get slug(): string {
    return this.demo.slug;
  }

  /** The stable id of a row of this tenant, e.g. `ctx.id("member", 7)`. */
  id(...parts: ReadonlyArray<string | number>): string {
    return seedId(this.slug, ...parts);
  }

  /** An independent random stream per purpose, so that changing one part of the demo leaves the others as they were. */
  random(purpose: string): SeededRandom {
    return seededRandom(`${this.slug}/${purpose}`);
  }

  network(slug: string): NetworkRef {
    return required(this.refs.networks.get(slug), `network "${slug}"`);
  }

  unit(key: string): UnitRef {
    return required(this.refs.units.get(key), `unit "${key}"`);
  }

  staff(subject: string): StaffRef {
    return required(this.refs.staff.get(subject), `staff user "${subject}"`);
  }

  tag(key: string): TagRef {
    return required(this.refs.tags.get(key), `experience tag "${key}"`);
  }

  consentTexts(): { processing: string; contactSharing: string; guardian: string } {
    return required(this.refs.consentTexts, "consent texts");
  }

  /** A readable error for a demo file that names something that does not exist, instead of a foreign-key failure. */
  fail(message: string): never {
    throw new Error(`Demo seed for "${this.slug}": ${message}`);
  }
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Demo seed refers to an unknown ${what}`);
  return value;
}

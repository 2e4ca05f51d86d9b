import type { FeeClaimAttester } from "../fees/claims/claim-workflow.js";
import type { FeeScheduleVersion } from "../fees/fee-schedule.js";
import type { IntakeRules } from "../intake/intake-rules.js";
import type { LocalizedText } from "../messages/locale.js";
import type { RequestFormConfig } from "../request-form/request-form.js";
import type { CareDomain } from "../vocabulary/vocabulary.js";

// The four demo tenants, configured as their own public documents say (SPEC §2, seeds 000–004).
// This is data for the seeding script and for tests; no rule in the domain reads it.
// Where a document is silent, the choice made here is marked "Assumed".

export const ORGANISATION_KINDS = ["REGION_UNIT", "MUNICIPALITY", "ASSOCIATION", "FEDERATION", "PATIENT_ORGANISATION"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface TenantSeed {
  readonly slug: string;
  readonly name: string;
  readonly locale: "sv-SE";
  readonly timeZone: "Europe/Stockholm";
  readonly currency: "SEK";
}

export interface NetworkSeed {
  /** Stable key within the tenant, for fixtures. */
  readonly key: string;
  readonly name: string;
  readonly careDomain: CareDomain;
  readonly contactEmail: string | null;
  readonly description: LocalizedText;
}

export interface OrganisationSeed {
  readonly name: string;
  readonly kind: OrganisationKind;
}

export interface TrainingSessionSeed {
  readonly title: LocalizedText;
  /** ISO 8601 with the Swedish offset of that date. */
  readonly startsAt: string;
  readonly endsAt: string;
  readonly format: "DIGITAL" | "IN_PERSON";
}

export interface RegionSeed {
  readonly tenant: TenantSeed;
  readonly networks: readonly NetworkSeed[];
  readonly organisations: readonly OrganisationSeed[];
  /** The tenant's default; every network uses it unless it has its own. */
  readonly intakeRules: IntakeRules;
  readonly feeSchedules: readonly FeeScheduleVersion[];
  /** Who attests participants' fee claims, as the region's routine for paying them says. */
  readonly feeClaimAttester: FeeClaimAttester;
  /** Whether fees are paid to a bank account the member registers (Kalmar, seed 003: "Personer som inte medverkat
   * tidigare informeras om att gå in och registrera sitt konto för utbetalning av arvode"). */
  readonly paysByBankAccount: boolean;
  /** Whether a unit may record a direct-booking participant who is not in the pool (VGR, seed 001: "Levande bibliotek
   * söker patientföreträdare via patientföreningar, brukarorganisationer eller via den egna pool…"). */
  readonly allowsParticipantsOutsidePool: boolean;
  readonly requestForm: RequestFormConfig;
  readonly trainingSessions: readonly TrainingSessionSeed[];
  /** The documents the configuration comes from. */
  readonly sources: readonly string[];
}

const swedishTenant = (slug: string, name: string): TenantSeed => ({
  slug,
  name,
  locale: "sv-SE",
  timeZone: "Europe/Stockholm",
  currency: "SEK",
});

// Figures shared by several schedules.
/** Assumed: Skatteverket's tax-free mileage allowance for one's own car, 25 kr per mil = 2.50 kr per km. */
const MILEAGE_ORE_PER_KM = 250;
/** Tax withheld on a side income paid as salary: 30 % of the gross (RJL's document; standard for side incomes). */
const SIDE_INCOME_WITHHOLDING_BP = 3000;
/** Full employer's social fees (arbetsgivaravgifter) 31.42 %, shown to the unit for information only. */
const EMPLOYER_SOCIAL_FEE_BP = 3142;

/**
 * The national model: full day (more than 4 h including travel) 3.6 %, half day (2–4 h) 1.8 %,
 * short (up to 2 h) 0.9 % or 0.5 % per hour of the price base amount; taxable; plus travel.
 */
const SHARE_OF_PBB_CATEGORIES: FeeScheduleVersion["categories"] = [
  { category: "SHORT", upToMinutes: 120, value: 90 },
  { category: "HALF_DAY", upToMinutes: 240, value: 180 },
  { category: "FULL_DAY", upToMinutes: null, value: 360 },
];

const nationalModelSchedule = (validFrom: string): FeeScheduleVersion => ({
  basis: "SHARE_OF_PRICE_BASE_AMOUNT",
  categories: SHARE_OF_PBB_CATEGORIES,
  hourlyValue: 50,
  travelTimeCounts: true,
  // Assumed: ordinary rounding to whole kronor; the national routine does not say.
  rounding: "NEAREST_KRONA_HALF_UP",
  hourlyRateRounding: "ROUND_TOTAL",
  mileageOrePerKm: MILEAGE_ORE_PER_KM,
  // Assumed: agreed extra preparation is paid at the hourly rate.
  preparationPaid: true,
  preparationHourlyValue: 50,
  payoutMethod: "SALARY",
  withholdingBasisPoints: SIDE_INCOME_WITHHOLDING_BP,
  employerSocialFeeBasisPoints: EMPLOYER_SOCIAL_FEE_BP,
  validFrom,
  validTo: null,
});

// ---------------------------------------------------------------------------------------------
// Region Jönköpings län — seed 000 and "Arvodering till person med egen eller anhörigerfarenhet" (2017-08-23)

export const jonkopingIntakeRules: IntakeRules = {
  // "Fees are not limited by age", and the page sets no age limit or consent rule.
  minimumAge: null,
  guardianConsentBelowAge: null,
  // "Efter detta tar vi kontakt med fortsatt samtal och kortare utbildning."
  requireContactCall: true,
  requireIntroductionMeeting: false,
  requireTrainingAttended: true,
  allowedMunicipalities: null,
  recordOrganisationMandate: false,
  followUpWithinDays: null,
};

export const jonkopingFeeSchedules: readonly FeeScheduleVersion[] = [
  {
    basis: "SHARE_OF_PRICE_BASE_AMOUNT",
    categories: SHARE_OF_PBB_CATEGORIES,
    hourlyValue: 50,
    travelTimeCounts: true,
    // The document's 2024 example gives 0.5 % of 57 300 kr = 286.50 kr as 286 kr and 2 062.80 kr as 2 063 kr.
    rounding: "NEAREST_KRONA_HALF_EVEN",
    // The document's 2024 example states the hourly rate in whole kronor (0.5 % of 57 300 kr → 286 kr/hour), so an
    // hour is paid at 286 kr and two hours at 572 kr, not 2 × 286.50 = 573 kr.
    hourlyRateRounding: "ROUND_RATE",
    mileageOrePerKm: MILEAGE_ORE_PER_KM,
    // Preparation and follow-up are included; extra preparation "can be agreed" — paid at the hourly rate.
    preparationPaid: true,
    preparationHourlyValue: 50,
    // "Arvodesuppdrag för regionen betalas ut som lön ... 30 % av bruttobeloppet."
    payoutMethod: "SALARY",
    withholdingBasisPoints: SIDE_INCOME_WITHHOLDING_BP,
    employerSocialFeeBasisPoints: EMPLOYER_SOCIAL_FEE_BP,
    validFrom: "2017-08-23",
    validTo: null,
  },
];

export const jonkopingRequestForm: RequestFormConfig = {
  assignmentTypes: [
    { key: "PROJECT_AND_DEVELOPMENT_WORK", label: { sv: "Projekt- och utvecklingsarbete", en: "Project and development work" } },
    { key: "DEVELOPMENT_DAY", label: { sv: "Utvecklingsdag", en: "Development day" } },
    { key: "WORKSHOP", label: { sv: "Workshop", en: "Workshop" } },
    { key: "INTRODUCTION_TRAINING", label: { sv: "Introduktionsutbildning", en: "Introduction training" } },
    { key: "CONFERENCE", label: { sv: "Konferens", en: "Conference" } },
    { key: "PROGRAMME_AREA", label: { sv: "Länsgemensamt programområde (LPO)", en: "County-wide programme area (LPO)" } },
    { key: "WORKING_GROUP", label: { sv: "Länsgemensam arbetsgrupp", en: "County-wide working group" } },
  ],
  fields: [
    { field: "assignmentType", required: true, help: { sv: "Typ av uppdrag.", en: "Type of assignment." } },
    { field: "title", required: true, help: { sv: "En kort rubrik för uppdraget.", en: "A short title for the assignment." } },
    { field: "numberOfPersons", required: true, help: { sv: "Antal personer.", en: "Number of persons." } },
    {
      field: "experienceSought",
      required: true,
      help: { sv: "Önskad erfarenhet och kompetens.", en: "Desired experience and competence." },
    },
    {
      // The form asks for "önskad erfarenhet och kompetens"; competence is kept apart so it can be matched.
      field: "competencesSought",
      required: false,
      help: {
        sv: "Önskad kompetens, med egna ord (till exempel van att tala inför grupp).",
        en: "Competence sought, in your own words (for example used to speaking to groups).",
      },
    },
    {
      field: "perspectivesSought",
      required: false,
      help: { sv: "Patient- eller närståendeperspektiv.", en: "Patient or relative perspective." },
    },
    { field: "occasions", required: true, help: { sv: "Tid och plats för uppdraget.", en: "Time and place of the assignment." } },
    {
      field: "audience",
      required: true,
      help: { sv: "Vilka övriga personer, målgrupp, finns i rummet?", en: "Who else is in the room — which target group?" },
    },
    { field: "audienceSize", required: true, help: { sv: "Antal?", en: "How many?" } },
    { field: "purpose", required: true, help: { sv: "Syfte med uppdraget.", en: "Purpose of the assignment." } },
    { field: "expectations", required: true, help: { sv: "Förväntningar på personen.", en: "Expectations of the person." } },
    {
      field: "preparation",
      required: false,
      help: {
        sv: "Förberedelse och uppföljning ingår normalt i arvodet. Beskriv om extra förberedelse behövs.",
        en: "Preparation and follow-up are normally included in the fee. Describe any extra preparation needed.",
      },
    },
    {
      field: "costCentre",
      required: true,
      help: {
        sv: "Fakturauppgifter/ansvarskod. Uppdrag i ett länsgemensamt programområde (LPO) eller en länsgemensam arbetsgrupp använder gemensamt ansvar.",
        en: "Billing details / cost centre. Assignments in a county-wide programme area (LPO) or working group use the shared cost centre.",
      },
    },
    { field: "contactPerson", required: true, help: { sv: "Vem vi kontaktar om förfrågan.", en: "Whom we contact about the request." } },
  ],
};

export const jonkopingSeed: RegionSeed = {
  tenant: swedishTenant("jonkoping", "Region Jönköpings län"),
  networks: [
    {
      key: "levande-bibliotek",
      name: "Levande bibliotek",
      careDomain: "SOMATIC",
      contactEmail: "levandebibliotek@rjl.se",
      description: {
        sv: "Personer med framförallt erfarenhet av den kroppsliga vården, som patient eller närstående.",
        en: "People with experience mainly of somatic care, as patients or relatives.",
      },
    },
    {
      key: "peer",
      name: "Peer",
      careDomain: "PSYCHIATRIC",
      contactEmail: "peeruppdrag@rjl.se",
      description: {
        sv: "Personer med erfarenheter från psykiatrisk vård.",
        en: "People with experience of psychiatric care.",
      },
    },
  ],
  organisations: [{ name: "Region Jönköpings län", kind: "REGION_UNIT" }],
  intakeRules: jonkopingIntakeRules,
  feeSchedules: jonkopingFeeSchedules,
  // The unit fills in the fee form with the person, writes its own ansvarskod and sends it to its own finance
  // officer. Assumed: LPO assignments, billed to a shared cost centre "contact the coordinator" about, are attested
  // by the coordinator. So either.
  feeClaimAttester: "EITHER",
  paysByBankAccount: false,
  allowsParticipantsOutsidePool: false,
  requestForm: jonkopingRequestForm,
  trainingSessions: [],
  sources: [
    "Region Jönköpings län: Levande bibliotek och Peer (seed 000)",
    "Region Jönköpings län: Arvodering till person med egen eller anhörigerfarenhet, 2017-08-23",
  ],
};

// ---------------------------------------------------------------------------------------------
// Västra Götalandsregionen — seed 001

export const vgrIntakeRules: IntakeRules = {
  minimumAge: null,
  guardianConsentBelowAge: null,
  requireContactCall: false,
  requireIntroductionMeeting: false,
  // "Patientintroduktionen är obligatorisk för de som önskar vara en Levande bok" (digital, about 1.5 h).
  requireTrainingAttended: true,
  allowedMunicipalities: null,
  // Representatives from patient and user organisations "har då mandat att representera" them.
  recordOrganisationMandate: true,
  followUpWithinDays: null,
};

export const vgrFeeSchedules: readonly FeeScheduleVersion[] = [
  {
    basis: "FIXED_AMOUNTS",
    // "931 kr/halvdag, 1863 kr/heldag samt reseersättning." Assumed: a half day is up to 4 h, as in the national model.
    categories: [
      { category: "HALF_DAY", upToMinutes: 240, value: 93_100 },
      { category: "FULL_DAY", upToMinutes: null, value: 186_300 },
    ],
    hourlyValue: null,
    // Assumed: travel time counts toward the length, as in the national model.
    travelTimeCounts: true,
    rounding: "NEAREST_KRONA_HALF_UP",
    hourlyRateRounding: "ROUND_TOTAL",
    mileageOrePerKm: MILEAGE_ORE_PER_KM,
    // "Tänk på att eventuell förberedelsetid också kan behöva ersättas." Assumed rate: the
    // half-day amount per hour of a four-hour half day (931 kr / 4 = 232.75 kr); VGR publishes none.
    preparationPaid: true,
    preparationHourlyValue: 23_275,
    payoutMethod: "FEE",
    withholdingBasisPoints: 0,
    employerSocialFeeBasisPoints: null,
    // Assumed: the amounts were in force in 2022, when the page was last updated (2022-11-28).
    validFrom: "2022-01-01",
    validTo: null,
  },
];

export const vgrRequestForm: RequestFormConfig = {
  assignmentTypes: [
    { key: "IMPROVEMENT_WORK", label: { sv: "Förbättringsarbete", en: "Improvement work" } },
    { key: "TRAINING_SESSION", label: { sv: "Utbildningstillfälle", en: "Training session" } },
    { key: "DEVELOPMENT_DAY", label: { sv: "Utvecklingsdag", en: "Development day" } },
    { key: "WORKSHOP", label: { sv: "Workshop", en: "Workshop" } },
    { key: "SEMINAR", label: { sv: "Seminarium", en: "Seminar" } },
    { key: "CONFERENCE", label: { sv: "Konferens", en: "Conference" } },
    { key: "WORKING_GROUP", label: { sv: "Arbetsgrupp", en: "Working group" } },
    { key: "MANAGEMENT_GROUP", label: { sv: "Ledningsgrupp", en: "Management group" } },
    { key: "STORY", label: { sv: "Dela sin berättelse", en: "Sharing one's story" } },
    { key: "OTHER", label: { sv: "Annat liknande uppdrag", en: "Other similar assignment" } },
  ],
  fields: [
    {
      field: "contactPerson",
      required: true,
      help: {
        sv: "Vilken verksamhet och kontaktperson är det som efterfrågar patientföreträdare?",
        en: "Which unit and contact person is asking for a patient representative?",
      },
    },
    { field: "assignmentType", required: true, help: { sv: "Typ av uppdrag.", en: "Type of assignment." } },
    { field: "title", required: true, help: { sv: "En kort rubrik för uppdraget.", en: "A short title for the assignment." } },
    { field: "purpose", required: true, help: { sv: "Vad vill ni uppnå?", en: "What do you want to achieve?" } },
    {
      field: "experienceSought",
      required: true,
      help: {
        sv: "Vilken erfarenhet är det som efterfrågas? Är det upplevelser/erfarenheter av en specifik sjukdom eller tillstånd eller ett mer generellt patient- eller närståendeperspektiv?",
        en: "Which experience is sought? Experience of a specific disease or condition, or a more general patient or relative perspective?",
      },
    },
    {
      field: "perspectivesSought",
      required: false,
      help: { sv: "Patient- eller närståendeperspektiv.", en: "Patient or relative perspective." },
    },
    {
      field: "oneOffOrLong",
      required: true,
      help: {
        sv: "Engångsuppdrag eller längre uppdrag med flera tillfällen?",
        en: "A one-off assignment or a longer one with several occasions?",
      },
    },
    {
      field: "numberOfPersons",
      required: true,
      help: { sv: "En eller flera patientföreträdare?", en: "One or more patient representatives?" },
    },
    {
      field: "occasions",
      required: true,
      help: {
        sv: "Tider, datum och om mötena är fysiska eller digitala.",
        en: "Times, dates and whether the meetings are in person or digital.",
      },
    },
    {
      field: "compensationOffered",
      required: true,
      help: {
        sv: "Eventuell ersättning. Verksamheten står för ersättning enligt fastställda regionala nivåer samt reseersättning.",
        en: "Any compensation. The unit pays compensation at the established regional levels plus travel.",
      },
    },
    {
      field: "preparation",
      required: false,
      help: {
        sv: "Behov av förberedelse. Tänk på att förberedelsetid också kan behöva ersättas.",
        en: "Preparation needed. Remember that preparation time may also need to be compensated.",
      },
    },
    {
      field: "selectionProcess",
      required: true,
      help: {
        sv: "Kommer det ske någon form av nominerings-, intervju- eller urvalsprocess? Finns det i så fall kriterier för det?",
        en: "Will there be a nomination, interview or selection process? If so, what are its criteria?",
      },
    },
    {
      field: "specialRequirements",
      required: false,
      help: {
        sv: "Är det några speciella krav på patientföreträdare, eller förutsättningar som vi behöver känna till?",
        en: "Are there special requirements of the representative, or circumstances we need to know about?",
      },
    },
    {
      field: "expectations",
      required: true,
      help: {
        sv: "Vad skulle du önska att patientföreträdare tillförde?",
        en: "What would you like the patient representative to contribute?",
      },
    },
    { field: "costCentre", required: false, help: { sv: "Ansvarskod för ersättningen.", en: "Cost centre for the compensation." } },
  ],
};

const vgrIntroduction = (startsAt: string, endsAt: string): TrainingSessionSeed => ({
  title: { sv: "Introduktionsutbildning för patientföreträdare", en: "Introduction training for patient representatives" },
  startsAt,
  endsAt,
  format: "DIGITAL",
});

export const vgrSeed: RegionSeed = {
  tenant: swedishTenant("vgr", "Västra Götalandsregionen"),
  networks: [
    {
      key: "levande-bibliotek",
      name: "Levande bibliotek",
      careDomain: "MIXED",
      contactEmail: "levande.bibliotek@vgregion.se",
      description: {
        sv: "En egen pool av patienter och närstående (levande böcker) samt kontakt med patient- och brukarorganisationer.",
        en: "A pool of patients and relatives (living books) and contact with patient and user organisations.",
      },
    },
  ],
  organisations: [{ name: "Västra Götalandsregionen", kind: "REGION_UNIT" }],
  intakeRules: vgrIntakeRules,
  feeSchedules: vgrFeeSchedules,
  // "Verksamheten står för ersättning": the unit pays, so its requester attests.
  feeClaimAttester: "UNIT_REQUESTER",
  paysByBankAccount: false,
  allowsParticipantsOutsidePool: true,
  requestForm: vgrRequestForm,
  // The 2022 sessions of the digital introduction (about 1.5 h each).
  trainingSessions: [
    vgrIntroduction("2022-02-17T16:30:00+01:00", "2022-02-17T18:00:00+01:00"),
    vgrIntroduction("2022-04-11T16:30:00+02:00", "2022-04-11T18:00:00+02:00"),
    vgrIntroduction("2022-06-09T16:30:00+02:00", "2022-06-09T18:00:00+02:00"),
    vgrIntroduction("2022-08-31T16:30:00+02:00", "2022-08-31T18:00:00+02:00"),
    vgrIntroduction("2022-10-17T10:30:00+02:00", "2022-10-17T12:00:00+02:00"),
    vgrIntroduction("2022-12-15T16:30:00+01:00", "2022-12-15T18:00:00+01:00"),
  ],
  sources: ["Västra Götalandsregionen: Levande bibliotek, updated 2022-11-28 (seed 001)"],
};

// ---------------------------------------------------------------------------------------------
// Region Kalmar län — seeds 002 (överenskommelse 2021) and 003 (praktiska anvisningar 2021)

const KALMAR_MUNICIPALITIES = [
  "Borgholm",
  "Emmaboda",
  "Hultsfred",
  "Högsby",
  "Kalmar",
  "Mönsterås",
  "Mörbylånga",
  "Nybro",
  "Oskarshamn",
  "Torsås",
  "Vimmerby",
  "Västervik",
] as const;

export const kalmarIntakeRules: IntakeRules = {
  minimumAge: null,
  // "För barns medverkan i Intressebanken ska vårdnadshavare ge skriftligt samtycke."
  guardianConsentBelowAge: 18,
  // "Ansvarig utvecklingsledare ringer upp nyanmäld person och bokar in ett möte för introduktion."
  requireContactCall: true,
  requireIntroductionMeeting: true,
  requireTrainingAttended: false,
  // Assumed: the Intressebank is for residents of the county ("invånare ... i Kalmar län").
  allowedMunicipalities: [...KALMAR_MUNICIPALITIES],
  recordOrganisationMandate: false,
  followUpWithinDays: null,
};

// "Den ersättningsmodell som är beslutad i Länsgemensam ledning följer nationellt och regionalt
// beslut" — the national model, from the date the practical instructions were decided.
export const kalmarFeeSchedules: readonly FeeScheduleVersion[] = [nationalModelSchedule("2021-11-26")];

export const kalmarRequestForm: RequestFormConfig = {
  assignmentTypes: [
    // Development activities (medverkan i utvecklingsaktiviteter)
    { key: "IMPROVEMENT_WORK", label: { sv: "Förbättringsarbete", en: "Improvement work" } },
    { key: "WORKING_GROUP_MEMBER", label: { sv: "Teammedlem i arbetsgrupp", en: "Team member in a working group" } },
    { key: "IMPROVEMENT_PROGRAMME", label: { sv: "Förbättringsprogram", en: "Improvement programme" } },
    {
      key: "PROCESS_OR_PROJECT_DEVELOPMENT",
      label: { sv: "Process- och projektutvecklingsarbete", en: "Process and project development" },
    },
    { key: "EVENT_ANALYSIS", label: { sv: "Händelseanalys", en: "Event analysis" } },
    { key: "RISK_ANALYSIS", label: { sv: "Riskanalys", en: "Risk analysis" } },
    { key: "USER_AUDIT", label: { sv: "Brukarrevision", en: "User audit" } },
    { key: "SURVEY_DESIGN", label: { sv: "Framtagande av enkät", en: "Designing a survey" } },
    { key: "INTERVIEWS", label: { sv: "Genomförande av intervjuer", en: "Conducting interviews" } },
    { key: "FOCUS_GROUP", label: { sv: "Fokusgrupp", en: "Focus group" } },
    // Leadership contexts (medverkan i ledningssammanhang)
    {
      key: "LEADERSHIP_OPERATIONAL",
      label: { sv: "Ledningssammanhang på verksamhetsnivå", en: "Leadership context, operational level" },
    },
    {
      key: "LEADERSHIP_STRATEGIC",
      label: { sv: "Ledningssammanhang på systemnivå", en: "Leadership context, strategic level" },
    },
  ],
  fields: [
    { field: "assignmentType", required: true, help: { sv: "Typ av medverkan.", en: "Type of participation." } },
    { field: "title", required: true, help: { sv: "En kort rubrik för uppdraget.", en: "A short title for the assignment." } },
    {
      field: "purpose",
      required: true,
      help: {
        sv: "Uppdrag, syfte och förutsättningar ska tydligt framgå.",
        en: "The assignment, its purpose and conditions must be clear.",
      },
    },
    {
      field: "expectations",
      required: true,
      help: { sv: "Vad som förväntas av den medverkande.", en: "What is expected of the participant." },
    },
    { field: "experienceSought", required: true, help: { sv: "Vilken erfarenhet söks?", en: "Which experience is sought?" } },
    {
      field: "perspectivesSought",
      required: true,
      help: { sv: "Brukar-, patient- eller närståendeperspektiv.", en: "Service user, patient or relative perspective." },
    },
    { field: "numberOfPersons", required: true, help: { sv: "Antal medverkande.", en: "Number of participants." } },
    {
      field: "oneOffOrLong",
      required: true,
      help: {
        sv: "Vid uppdrag som löper över en längre tidsperiod skrivs en överenskommelse som undertecknas av både uppdragsgivare och medverkande.",
        en: "For assignments over a longer period, a written agreement is signed by both the unit and the participant.",
      },
    },
    { field: "occasions", required: true, help: { sv: "Datum, tid och plats.", en: "Date, time and place." } },
    {
      field: "preparation",
      required: false,
      help: {
        sv: "Behov av stöd eller kompetensutveckling för den medverkande.",
        en: "Support or training the participant may need.",
      },
    },
    {
      field: "specialRequirements",
      required: false,
      help: { sv: "Förutsättningar vi behöver känna till.", en: "Circumstances we need to know about." },
    },
    {
      field: "contactPerson",
      required: true,
      help: {
        sv: "Ansvarig för aktiviteten, som kontaktar den medverkande och återkopplar efteråt.",
        en: "The person responsible for the activity, who contacts the participant and gives feedback afterwards.",
      },
    },
    {
      field: "costCentre",
      required: true,
      help: {
        sv: "Ansvarskod för arvodet. Ersättning vid medverkan i enskild kommun hanteras i särskild ordning.",
        en: "Cost centre for the fee. Participation in a single municipality is paid separately by that municipality.",
      },
    },
  ],
  // The routine's "Tänk på att" (seed 003, step 3): decide how and when to give feedback, and for assignments over a
  // longer period a written agreement signed by both. Assumed: asked on the form, optional, so the unit plans for it.
  questions: [
    {
      key: "FEEDBACK_FORM",
      type: "SINGLE_CHOICE",
      label: { sv: "Hur återkopplar ni till den medverkande efteråt?", en: "How will you give the participant feedback afterwards?" },
      help: {
        sv: "Bestäm form och tid för återkoppling redan nu.",
        en: "Decide now how and when you will give feedback.",
      },
      required: false,
      options: [
        { key: "MEETING", label: { sv: "Personligt möte", en: "In person" } },
        { key: "PHONE", label: { sv: "Telefon", en: "Phone" } },
        { key: "EMAIL", label: { sv: "E-post eller brev", en: "E-mail or letter" } },
      ],
      minLength: null,
      maxLength: null,
      minValue: null,
      maxValue: null,
      maxSelections: null,
      showWhen: null,
      requiredWhen: null,
      placeAfter: "contactPerson",
    },
    {
      key: "AGREEMENT_SIGNER",
      type: "SHORT_TEXT",
      label: {
        sv: "Vem skriver under överenskommelsen för er?",
        en: "Who signs the agreement for you?",
      },
      help: {
        sv: "Vid uppdrag över en längre tidsperiod skrivs en överenskommelse som både uppdragsgivare och medverkande undertecknar.",
        en: "For an assignment over a longer period, an agreement is signed by both the unit and the participant.",
      },
      required: false,
      options: [],
      minLength: null,
      maxLength: 200,
      minValue: null,
      maxValue: null,
      maxSelections: null,
      showWhen: { question: "oneOffOrLong", anyOf: ["LONG_TERM"] },
      requiredWhen: null,
      placeAfter: "oneOffOrLong",
    },
  ],
};

export const kalmarSeed: RegionSeed = {
  tenant: swedishTenant("kalmar", "Region Kalmar län"),
  networks: [
    {
      key: "intressebanken",
      name: "Intressebanken",
      careDomain: "MIXED",
      contactEmail: "invanarmedverkan@regionkalmar.se",
      description: {
        sv: "Länets intressebank för brukare, patienter och närstående, gemensam för regionen och kommunerna. Fokusområden: äldre, barn och unga, psykisk hälsa/missbruk och beroende samt habilitering/rehabilitering.",
        en: "The county's pool of service users, patients and relatives, shared by the region and the municipalities. Focus areas: older people, children and young people, mental health and addiction, and habilitation/rehabilitation.",
      },
    },
  ],
  organisations: [
    { name: "Region Kalmar län", kind: "REGION_UNIT" },
    { name: "Kommunförbundet Kalmar län", kind: "FEDERATION" },
    ...[
      "Borgholms kommun",
      "Emmaboda kommun",
      "Hultsfreds kommun",
      "Högsby kommun",
      "Kalmar kommun",
      "Mönsterås kommun",
      "Mörbylånga kommun",
      "Nybro kommun",
      "Oskarshamns kommun",
      "Torsås kommun",
      "Vimmerby kommun",
      "Västerviks kommun",
    ].map((name) => ({ name, kind: "MUNICIPALITY" as const })),
  ],
  intakeRules: kalmarIntakeRules,
  feeSchedules: kalmarFeeSchedules,
  // The fee form is attested and sent to the region's payroll service; only the named development leaders have a
  // login to Intressebanken (seed 003), so the coordinator attests in the platform.
  feeClaimAttester: "COORDINATOR",
  paysByBankAccount: true,
  allowsParticipantsOutsidePool: false,
  requestForm: kalmarRequestForm,
  trainingSessions: [],
  sources: [
    "Länsgemensam ledning i samverkan, Kalmar län: Brukar- patient- och närståendemedverkan, överenskommelse 2021 (seed 002)",
    "Länsgemensam ledning i samverkan, Kalmar län: Praktiska anvisningar, beslutade 2021-11-26, ändrade 2022-11-03 (seed 003)",
  ],
};

// ---------------------------------------------------------------------------------------------
// Region Östergötland — seed 004

export const ostergotlandIntakeRules: IntakeRules = {
  minimumAge: null,
  guardianConsentBelowAge: null,
  // The coordination function "rekryterar och hanterar intresseanmälningar"; members are
  // "utbildade för att bidra med konstruktivt patientperspektiv".
  requireContactCall: true,
  requireIntroductionMeeting: false,
  requireTrainingAttended: true,
  allowedMunicipalities: null,
  recordOrganisationMandate: false,
  followUpWithinDays: null,
};

// "Nationell rutin för invånar-, patient- och närståendemedverkan som även rör arvode."
// Assumed: in force from the first year of the price base amount table.
export const ostergotlandFeeSchedules: readonly FeeScheduleVersion[] = [nationalModelSchedule("2020-01-01")];

export const ostergotlandRequestForm: RequestFormConfig = {
  assignmentTypes: [
    { key: "TEST_IDEA", label: { sv: "Testa en idé eller ett förbättringsarbete", en: "Testing an idea or improvement" } },
    { key: "PATIENT_EDUCATION", label: { sv: "Patient- och närståendeundervisning", en: "Patient and relative education" } },
    { key: "WORKSHOP", label: { sv: "Workshop", en: "Workshop" } },
    { key: "STORY", label: { sv: "Berättelse", en: "Story" } },
    { key: "PATIENT_PANEL", label: { sv: "Patientpanel", en: "Patient panel" } },
    { key: "WAITING_ROOM", label: { sv: "Väntrummet", en: "The waiting room" } },
  ],
  fields: [
    {
      field: "assignmentType",
      required: true,
      help: {
        sv: "Hur vill ni använda Levande bibliotek? Inget är för stort eller smått.",
        en: "How do you want to use the Living Library? Nothing is too big or too small.",
      },
    },
    { field: "title", required: true, help: { sv: "En kort rubrik för uppdraget.", en: "A short title for the assignment." } },
    {
      field: "purpose",
      required: true,
      help: { sv: "Vad vill ni testa, utveckla eller förbättra?", en: "What do you want to test, develop or improve?" },
    },
    {
      field: "experienceSought",
      required: true,
      help: {
        sv: "Vilken erfarenhet söks, till exempel multisjuklighet eller närståendeperspektiv på högt blodtryck?",
        en: "Which experience is sought, for example multimorbidity or a relative's perspective on high blood pressure?",
      },
    },
    {
      field: "perspectivesSought",
      required: false,
      help: { sv: "Patient- eller närståendeperspektiv.", en: "Patient or relative perspective." },
    },
    { field: "numberOfPersons", required: true, help: { sv: "Antal personer.", en: "Number of persons." } },
    { field: "occasions", required: true, help: { sv: "Datum, tid och plats.", en: "Date, time and place." } },
    { field: "audience", required: false, help: { sv: "Vilka deltar i övrigt?", en: "Who else takes part?" } },
    { field: "audienceSize", required: false, help: { sv: "Antal övriga deltagare.", en: "Number of others taking part." } },
    { field: "preparation", required: false, help: { sv: "Behov av förberedelse.", en: "Preparation needed." } },
    { field: "contactPerson", required: true, help: { sv: "Kontaktperson i verksamheten.", en: "Contact person at the unit." } },
    { field: "costCentre", required: true, help: { sv: "Ansvarskod för arvodet.", en: "Cost centre for the fee." } },
  ],
};

export const ostergotlandSeed: RegionSeed = {
  tenant: swedishTenant("ostergotland", "Region Östergötland"),
  networks: [
    {
      key: "levande-bibliotek",
      name: "Levande bibliotek",
      careDomain: "MIXED",
      contactEmail: null,
      description: {
        sv: "Östgötar med egen erfarenhet som patient eller närstående, allt ifrån multisjuka till närståendeperspektiv med högt blodtryck.",
        en: "People in Östergötland with their own experience as patients or relatives, from multimorbidity to a relative's view of high blood pressure.",
      },
    },
  ],
  organisations: [{ name: "Region Östergötland", kind: "REGION_UNIT" }],
  intakeRules: ostergotlandIntakeRules,
  feeSchedules: ostergotlandFeeSchedules,
  // Assumed: the document is silent; the coordination function follows up every assignment, so it attests.
  feeClaimAttester: "COORDINATOR",
  paysByBankAccount: false,
  allowsParticipantsOutsidePool: false,
  requestForm: ostergotlandRequestForm,
  trainingSessions: [],
  sources: ["Region Östergötland: Levande bibliotek, presentation (seed 004)"],
};

export const REGION_SEEDS: readonly RegionSeed[] = [jonkopingSeed, vgrSeed, kalmarSeed, ostergotlandSeed];

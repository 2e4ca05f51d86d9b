import { FEE_CLAIM_STATUS_LABELS } from "../fees/claims/claim-workflow.js";
import { FEE_CATEGORY_LABELS } from "../fees/fee-schedule.js";
import { AGE_BAND_LABELS } from "../intake/age.js";
import { INTAKE_APPOINTMENT_STATUS_LABELS } from "../intake/appointment.js";
import { FOLLOW_UP_CHANNEL_LABELS } from "../intake/follow-up.js";
import { MEMBERSHIP_STATUS_LABELS } from "../intake/membership-status.js";
import type { LocalizedText } from "../messages/locale.js";
import { REQUEST_STATUS_LABELS } from "../request/request-lifecycle.js";
import { REQUEST_FIELD_LABELS } from "../request-form/request-form.js";
import { ERROR_CODE_LABELS } from "./error-code-labels.js";
import { CARE_DOMAIN_LABELS, PERSPECTIVE_LABELS } from "./vocabulary.js";

/**
 * The Swedish and English label of every enumerated value a client can see, by enum name (the same name in the
 * GraphQL schema and, where stored, in Prisma) and value. The one place a front end's words for statuses, kinds and
 * codes come from (`vocabulary` in the API); labels kept beside their rules elsewhere in the domain are reused here,
 * not copied. The API's test fails when an enum or a value of the printed schema has no label here.
 */
type Labels = Readonly<Record<string, LocalizedText>>;

const l = (sv: string, en: string): LocalizedText => ({ sv, en });

/** `oneOffOrLong` → `ONE_OFF_OR_LONG`: request-form labels are kept by the form's camelCase keys. */
const upperSnake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

const FORM_QUESTION_TYPE_LABELS: Labels = {
  SHORT_TEXT: l("Kort text", "Short text"),
  LONG_TEXT: l("Lång text", "Long text"),
  NUMBER: l("Tal", "Number"),
  DATE: l("Datum", "Date"),
  SINGLE_CHOICE: l("Ett val", "Single choice"),
  MULTIPLE_CHOICE: l("Flera val", "Multiple choice"),
  YES_NO: l("Ja eller nej", "Yes or no"),
};

const FEE_FAILURE_CODE_LABELS: Labels = {
  HOURLY_NOT_OFFERED: l("Timarvode erbjuds inte", "Hourly fees are not offered"),
  HOURLY_ONLY_FOR_SHORT: l("Timarvode bara för korta uppdrag", "Hourly fees only for short occasions"),
  INVALID_AMOUNT: l("Ogiltigt belopp", "Invalid amount"),
  INVALID_DURATION: l("Ogiltig längd", "Invalid duration"),
  INVALID_OCCASION_DATE: l("Ogiltigt datum", "Invalid occasion date"),
  NO_CATEGORY: l("Ingen arvodeskategori passar", "No fee category fits"),
  NO_PRICE_BASE_AMOUNT: l("Prisbasbelopp saknas för året", "No price base amount for the year"),
  OUTSIDE_SCHEDULE_VALIDITY: l("Utanför arvodesregelns giltighetstid", "Outside the fee schedule's validity"),
  ZERO_DURATION: l("Ingen tid", "No time"),
};

export const ENUM_LABELS: Readonly<Record<string, Labels>> = {
  AgeBand: AGE_BAND_LABELS,
  AnswerChannel: {
    PHONE: l("Per telefon", "By phone"),
    PAPER: l("På papper", "On paper"),
    IN_PERSON: l("Vid personligt möte", "In person"),
  },
  InboxSubjectType: {
    REQUEST: l("Förfrågan", "Request"),
    INVITATION: l("Inbjudan", "Invitation"),
    ASSIGNMENT: l("Uppdrag", "Assignment"),
    FEE_CLAIM: l("Arvode", "Fee claim"),
    TRAINING_SESSION: l("Introduktionstillfälle", "Introduction session"),
    INTAKE_APPOINTMENT: l("Introduktionsmöte", "Introduction meeting"),
  },
  BankAccountProblem: {
    FORMAT: l("Fel format", "Wrong format"),
    UNKNOWN_CLEARING_NUMBER: l("Okänt clearingnummer", "Unknown clearing number"),
    INVALID_ACCOUNT_NUMBER: l("Fel kontonummer för banken", "Wrong account number for the bank"),
  },
  AssignmentLength: {
    ONE_OFF: l("Enstaka tillfälle", "One-off"),
    LONG_TERM: l("Längre uppdrag", "Long-term assignment"),
  },
  AssignmentStatus: {
    CONFIRMED: l("Bekräftat", "Confirmed"),
    CARRIED_OUT: l("Genomfört", "Carried out"),
    CANCELLED: l("Avbokat", "Cancelled"),
  },
  AttendanceRefusalReason: {
    ASSIGNMENT_CANCELLED: l("Uppdraget är avbokat", "The assignment is cancelled"),
    OCCASION_CANCELLED: l("Tillfället är inställt", "The occasion is cancelled"),
    OCCASION_NOT_IN_REQUEST: l("Tillfället hör inte till förfrågan", "The occasion is not part of the request"),
    OCCASION_NOT_STARTED: l("Tillfället har inte börjat", "The occasion has not started"),
  },
  AuditAction: {
    READ: l("Läsning", "Read"),
    WRITE: l("Ändring", "Change"),
    DISCLOSE: l("Utlämnande", "Disclosure"),
    EXPORT: l("Export", "Export"),
    ERASE: l("Radering", "Erasure"),
  },
  AuditActorType: {
    ANONYMOUS: l("Anonym", "Anonymous"),
    MEMBER: l("Medverkande", "Member"),
    STAFF: l("Personal", "Staff"),
    PLATFORM_OPERATOR: l("Plattformsoperatör", "Platform operator"),
    SYSTEM: l("Systemet", "System"),
  },
  AuditEventOrderField: {
    CREATED_AT: l("Skapad", "Created"),
    AT: l("Tidpunkt", "Time"),
  },
  CandidateExclusionCode: {
    ALREADY_INVITED: l("Redan inbjuden", "Already invited"),
    DECLINED_THIS_REQUEST: l("Har tackat nej till förfrågan", "Declined this request"),
    PAUSED_ON_ALL_OCCASIONS: l("Pausad vid alla tillfällen", "Paused on every occasion"),
  },
  CandidateReasonCode: {
    ACCESSIBILITY_NEEDS: l("Behov av anpassning", "Accessibility needs"),
    BOOKED_ON_OCCASION_DATE: l("Bokad samma dag", "Booked on the occasion's date"),
    COMPETENCE_MATCH: l("Kompetensen stämmer", "Competence matches"),
    COMPETENCE_NONE: l("Ingen efterfrågad kompetens", "None of the competences sought"),
    EXPERIENCE_MATCH: l("Erfarenheten stämmer", "Experience matches"),
    EXPERIENCE_NONE: l("Ingen efterfrågad erfarenhet", "None of the experience sought"),
    LAST_ASKED: l("Senast tillfrågad", "Last asked"),
    NEVER_ASKED: l("Aldrig tillfrågad", "Never asked"),
    NEVER_ASSIGNED: l("Aldrig haft uppdrag", "Never had an assignment"),
    PAUSED_ON_OCCASION: l("Pausad vid ett tillfälle", "Paused on an occasion"),
    PAUSED_TODAY: l("Pausad i dag", "Paused today"),
    PERSPECTIVE_MATCH: l("Perspektivet stämmer", "Perspective matches"),
    PERSPECTIVE_NONE: l("Inget efterfrågat perspektiv", "None of the perspectives sought"),
    RECENT_ASSIGNMENTS: l("Många uppdrag nyligen", "Many recent assignments"),
    RECENT_INVITATIONS: l("Många inbjudningar nyligen", "Many recent invitations"),
    SPREAD_AGE_BAND: l("Sprider åldersgrupper", "Spreads age bands"),
    SPREAD_PERSPECTIVE: l("Sprider perspektiv", "Spreads perspectives"),
  },
  CareDomain: CARE_DOMAIN_LABELS,
  ClaimCodeChannel: {
    EMAIL: l("E-post", "E-mail"),
    LETTER: l("Brev", "Letter"),
  },
  ConsentKind: {
    PROCESSING: l("Behandling av personuppgifter", "Processing of personal data"),
    CONTACT_SHARING: l("Delning av kontaktuppgifter", "Sharing of contact details"),
    GUARDIAN: l("Vårdnadshavares samtycke", "Guardian's consent"),
  },
  DataSubjectRequestKind: {
    ACCESS: l("Registerutdrag", "Access"),
    RECTIFICATION: l("Rättelse", "Rectification"),
    ERASURE: l("Radering", "Erasure"),
    RESTRICTION: l("Begränsning av behandling", "Restriction of processing"),
    PORTABILITY: l("Dataportabilitet", "Data portability"),
    OBJECTION: l("Invändning", "Objection"),
  },
  DirectBookingParticipantStatus: {
    PENDING: l("Väntar på bekräftelse", "Awaiting confirmation"),
    CONFIRMED: l("Bekräftad", "Confirmed"),
    REJECTED: l("Avvisad", "Rejected"),
  },
  DuplicateResolution: {
    DIFFERENT_PEOPLE: l("Olika personer", "Different people"),
  },
  DurationCategory: {
    SHORT: l("Kort", "Short"),
    HALF_DAY: l("Halvdag", "Half day"),
    FULL_DAY: l("Heldag", "Full day"),
  },
  DocumentKind: {
    FEE_CLAIM_FORM: l("Arvodesblankett", "Fee form"),
    ASSIGNMENT_AGREEMENT: l("Överenskommelse om medverkan", "Agreement on participation"),
    PAYROLL_SUMMARY: l("Löneunderlag (PDF)", "Payroll summary (PDF)"),
    PAYROLL_CSV: l("Löneunderlag (CSV)", "Payroll file (CSV)"),
    PAYROLL_PAXML: l("Löneunderlag (PAXml 2.0)", "Payroll file (PAXml 2.0)"),
    OCCASION_CALENDAR: l("Tillfället i kalendern", "Occasion calendar file"),
    TRAINING_SESSION_CALENDAR: l("Introduktionen i kalendern", "Introduction calendar file"),
    INTAKE_APPOINTMENT_CALENDAR: l("Introduktionsmötet i kalendern", "Introduction meeting calendar file"),
  },
  ErrorCode: { ...ERROR_CODE_LABELS, ...FEE_FAILURE_CODE_LABELS },
  FeeBasis: {
    FIXED_AMOUNTS: l("Fasta belopp", "Fixed amounts"),
    SHARE_OF_PRICE_BASE_AMOUNT: l("Andel av prisbasbeloppet", "Share of the price base amount"),
  },
  FeeCategory: FEE_CATEGORY_LABELS,
  FeeClaimAttester: {
    COORDINATOR: l("Samordnaren", "The coordinator"),
    UNIT_REQUESTER: l("Beställande enhet", "The requesting unit"),
    EITHER: l("Samordnaren eller enheten", "The coordinator or the unit"),
  },
  FeeClaimOrderField: {
    CREATED_AT: l("Skapad", "Created"),
    OCCASION_DATE: l("Tillfällets datum", "Occasion date"),
  },
  FeeClaimStatus: FEE_CLAIM_STATUS_LABELS,
  FeeFailureCode: FEE_FAILURE_CODE_LABELS,
  FeeRounding: {
    DOWN_TO_KRONA: l("Nedåt till hel krona", "Down to a whole krona"),
    EXACT_ORE: l("Exakt i öre", "Exact in öre"),
    NEAREST_KRONA_HALF_EVEN: l("Närmaste krona (jämn avrundning)", "Nearest krona (half to even)"),
    NEAREST_KRONA_HALF_UP: l("Närmaste krona (uppåt vid hälften)", "Nearest krona (half up)"),
  },
  HourlyRateRounding: {
    ROUND_RATE: l("Timarvodet avrundas först", "The hourly rate is rounded first"),
    ROUND_TOTAL: l("Summan avrundas en gång", "The total is rounded once"),
  },
  FeeScheduleVersionStatus: {
    UPCOMING: l("Kommande", "Upcoming"),
    IN_FORCE: l("Gäller", "In force"),
    PAST: l("Tidigare", "Past"),
  },
  FeedbackAuthor: {
    COORDINATOR: l("Samordnare", "Coordinator"),
    PARTICIPANT: l("Medverkande", "Participant"),
    UNIT: l("Enheten", "Unit"),
  },
  FormFieldType: {
    ...FORM_QUESTION_TYPE_LABELS,
    OCCASIONS: l("Tillfällen", "Occasions"),
    EXPERIENCE: l("Erfarenheter", "Experiences"),
    TEXT_LIST: l("Lista med korta texter", "List of short texts"),
    COST_CENTRE: l("Kostnadsställe", "Cost centre"),
    CONTACT_PERSON: l("Kontaktperson", "Contact person"),
  },
  FormQuestionType: FORM_QUESTION_TYPE_LABELS,
  IdentityProviderKind: {
    CITIZEN: l("Invånare (e-legitimation)", "Citizens (e-ID)"),
    STAFF: l("Personal", "Staff"),
    ALL: l("Invånare och personal", "Citizens and staff"),
  },
  InvitationAnswerRefusal: {
    ALREADY_ANSWERED: l("Redan besvarad", "Already answered"),
    EXPIRED: l("Svarstiden har gått ut", "Expired"),
    REQUEST_CLOSED: l("Förfrågan är stängd", "The request is closed"),
    WITHDRAWN: l("Inbjudan är återkallad", "The invitation was withdrawn"),
  },
  InvitationOrderField: {
    CREATED_AT: l("Skapad", "Created"),
    INVITED_AT: l("Inbjuden", "Invited"),
    EXPIRES_AT: l("Svara senast", "Answer by"),
  },
  InvitationStatus: {
    PENDING: l("Väntar på svar", "Awaiting answer"),
    ACCEPTED: l("Tackat ja", "Accepted"),
    WAITLISTED: l("Reserv", "Waitlisted"),
    DECLINED: l("Tackat nej", "Declined"),
    EXPIRED: l("Obesvarad", "Expired"),
    WITHDRAWN: l("Återkallad", "Withdrawn"),
  },
  InviteRefusalReason: {
    ALREADY_INVITED: l("Redan inbjuden", "Already invited"),
    DECLINED_BEFORE: l("Har tackat nej tidigare", "Declined before"),
    NOT_ACTIVE: l("Inte aktiv", "Not active"),
    NOT_IN_POOL: l("Finns inte i nätverket", "Not in the network's pool"),
    PAUSED: l("Pausad", "Paused"),
    RESTRICTED: l("Behandlingen är begränsad", "Processing is restricted"),
  },
  LoginLinkMethod: {
    REGISTRATION: l("Vid intresseanmälan", "At registration"),
    CLAIM_CODE: l("Med aktiveringskod", "With a claim code"),
    IDENTITY_NUMBER: l("Med personnummer", "By personal identity number"),
    STAFF_INVITATION: l("Inbjudan till personal", "Staff invitation"),
    ADMINISTRATOR: l("Av administratör", "By an administrator"),
    MIGRATED: l("Överförd från tidigare inloggning", "Carried over from the earlier sign-in"),
  },
  MemberOrderField: {
    CREATED_AT: l("Registrerad", "Registered"),
    FAMILY_NAME: l("Efternamn", "Family name"),
  },
  MembershipStatus: MEMBERSHIP_STATUS_LABELS,
  IntakeAppointmentStatus: INTAKE_APPOINTMENT_STATUS_LABELS,
  IntakeAppointmentOutcome: {
    HELD: INTAKE_APPOINTMENT_STATUS_LABELS.HELD,
    NO_SHOW: INTAKE_APPOINTMENT_STATUS_LABELS.NO_SHOW,
    CANCELLED: INTAKE_APPOINTMENT_STATUS_LABELS.CANCELLED,
  },
  IntakeAppointmentRefusal: {
    TRANSITION_NOT_ALLOWED: l("Mötet kan inte ändras så", "The appointment cannot change that way"),
    NOT_YET_STARTED: l("Mötet har inte börjat", "The appointment has not started"),
    ALREADY_BOOKED: l("Ett möte är redan bokat", "An appointment is already booked"),
    MEMBERSHIP_CLOSED: l("Medlemskapet är avslutat", "The membership is closed"),
  },
  FollowUpChannel: FOLLOW_UP_CHANNEL_LABELS,
  MessageLocale: {
    SV: l("Svenska", "Swedish"),
    EN: l("Engelska", "English"),
  },
  MessageTemplateSource: {
    DEFAULT: l("Standard", "Default"),
    TENANT: l("Regionens", "The region's"),
    NETWORK: l("Nätverkets", "The network's"),
  },
  NotificationChannel: {
    EMAIL: l("E-post", "E-mail"),
    NONE: l("Inga meddelanden", "No messages"),
  },
  NotificationKind: {
    ASSIGNMENT_DESCRIPTION: l("Uppdragsbeskrivning", "Assignment description"),
    CONTACT_DETAILS_RELEASED: l("Kontaktuppgifter lämnade till enheten", "Contact details released to the unit"),
    FEEDBACK_REQUESTED: l("Begäran om återkoppling", "Feedback requested"),
    FEE_CLAIM_STATUS_CHANGED: l("Arvodesanspråk har ändrats", "Fee claim status changed"),
    GUARDIAN_CONSENT_NEEDED: l("Vårdnadshavares samtycke behövs", "Guardian's consent needed"),
    INTRODUCTION_BOOKED: l("Introduktion bokad", "Introduction booked"),
    INTRODUCTION_REMINDER: l("Påminnelse om introduktion", "Introduction reminder"),
    INTAKE_APPOINTMENT_BOOKED: l("Introduktionsmöte bokat", "Introduction meeting booked"),
    INTAKE_APPOINTMENT_RESCHEDULED: l("Introduktionsmöte ombokat", "Introduction meeting rescheduled"),
    INTAKE_APPOINTMENT_REMINDER: l("Påminnelse om introduktionsmöte", "Introduction meeting reminder"),
    INVITATION: l("Inbjudan till uppdrag", "Invitation to an assignment"),
    INVITATION_ANSWERED: l("Svar på inbjudan", "Invitation answered"),
    ACCOUNT_CLAIM_CODE: l("Kod för att ta över kontot", "Code to claim the account"),
    OCCASION_REMINDER: l("Påminnelse om tillfälle", "Occasion reminder"),
    REGISTRATION_QUEUED: l("Intresseanmälan i kö", "Registration queued"),
    REGISTRATION_RECEIVED: l("Intresseanmälan mottagen", "Registration received"),
  },
  OrganisationKind: {
    REGION_UNIT: l("Regionens verksamhet", "Regional unit"),
    MUNICIPALITY: l("Kommun", "Municipality"),
    FEDERATION: l("Kommunalförbund", "Federation of municipalities"),
    ASSOCIATION: l("Förening", "Association"),
    PATIENT_ORGANISATION: l("Patient- eller brukarorganisation", "Patient or user organisation"),
  },
  OutboxMessageStatus: {
    PENDING: l("Väntar", "Pending"),
    SENDING: l("Skickas", "Sending"),
    SENT: l("Skickat", "Sent"),
    FAILED: l("Misslyckades", "Failed"),
  },
  PayoutMethod: {
    FEE: l("Arvode", "Fee"),
    SALARY: l("Lön", "Salary"),
  },
  PayrollExportStatus: {
    SENT: l("Skickad till lön", "Sent to payroll"),
    PAID: l("Utbetald", "Paid"),
  },
  PersonalIdentityNumberProblem: {
    INVALID_FORMAT: l("Fel format", "Wrong format"),
    INVALID_DATE: l("Ogiltigt födelsedatum", "Invalid date of birth"),
    INVALID_CHECK_DIGIT: l("Fel kontrollsiffra", "Wrong check digit"),
    DIFFERS_FROM_SIGN_IN: l("Annat än vid inloggningen", "Differs from the sign-in"),
    NOT_COLLECTED: l("Regionen registrerar inte personnummer", "The region does not record personal identity numbers"),
  },
  Perspective: PERSPECTIVE_LABELS,
  PlatformStatisticsDimension: {
    AGE_BAND: l("Åldersgrupp", "Age band"),
    ASSIGNMENT_TYPE: l("Typ av uppdrag", "Assignment type"),
    MONTH: l("Månad", "Month"),
    MUNICIPALITY: l("Kommun", "Municipality"),
    NETWORK: l("Nätverk", "Network"),
    PERSPECTIVE: l("Perspektiv", "Perspective"),
    TENANT: l("Region", "Region"),
    UNIT: l("Enhet", "Unit"),
  },
  RegistrationChannel: {
    WEB: l("Webbformulär", "Web form"),
    PHONE: l("Telefon", "Phone"),
    POSTAL: l("Post", "Post"),
    DIRECT_RECRUITMENT: l("Direktrekrytering", "Direct recruitment"),
  },
  RegistrationOutcome: {
    REGISTERED: l("Anmäld", "Registered"),
    AWAITING_GUARDIAN_CONSENT: l("Väntar på vårdnadshavares samtycke", "Awaiting guardian consent"),
  },
  RepresentationStatus: {
    PROPOSED: l("Föreslagen, väntar på samordnaren", "Proposed, awaiting the coordinator"),
    CONFIRMED: l("Bekräftad", "Confirmed"),
    REJECTED: l("Inte bekräftad", "Not confirmed"),
  },
  RequestField: Object.fromEntries(Object.entries(REQUEST_FIELD_LABELS).map(([key, label]) => [upperSnake(key), label])),
  RequestOrderField: {
    CREATED_AT: l("Skapad", "Created"),
    SUBMITTED_AT: l("Inskickad", "Submitted"),
    UPDATED_AT: l("Senast ändrad", "Last changed"),
  },
  RequestStatus: REQUEST_STATUS_LABELS,
  SortDirection: {
    ASC: l("Stigande", "Ascending"),
    DESC: l("Fallande", "Descending"),
  },
  StaffRole: {
    TENANT_ADMIN: l("Administratör", "Tenant administrator"),
    COORDINATOR: l("Samordnare", "Coordinator"),
    REQUESTER: l("Beställare", "Requester"),
    ANALYST: l("Analytiker", "Analyst"),
  },
  StatisticsDimension: {
    AGE_BAND: l("Åldersgrupp", "Age band"),
    ASSIGNMENT_TYPE: l("Typ av uppdrag", "Assignment type"),
    MONTH: l("Månad", "Month"),
    MUNICIPALITY: l("Kommun", "Municipality"),
    NETWORK: l("Nätverk", "Network"),
    PERSPECTIVE: l("Perspektiv", "Perspective"),
    UNIT: l("Enhet", "Unit"),
  },
  StatisticsSuppression: {
    SMALL_COUNT: l("Dold: för få", "Hidden: too few"),
    NOT_APPLICABLE: l("Ej tillämpligt", "Not applicable"),
  },
  TrainingEnrolmentStatus: {
    ENROLLED: l("Anmäld", "Enrolled"),
    WAITLISTED: l("Reserv", "Waitlisted"),
    CANCELLED: l("Avanmäld", "Cancelled"),
  },
  TrainingFormat: {
    IN_PERSON: l("På plats", "In person"),
    DIGITAL: l("Digitalt", "Digital"),
  },
  VersionNotWithdrawableReason: {
    LATER_VERSION_EXISTS: l("Det finns en senare version", "A later version exists"),
    ONLY_VERSION: l("Den enda versionen", "The only version"),
    USED_BY_CLAIMS: l("Används av arvodesanspråk", "Used by fee claims"),
  },
  ViewerKind: {
    CITIZEN: l("Invånare", "Citizen"),
    MEMBER: l("Medverkande", "Member"),
    STAFF: l("Personal", "Staff"),
    PLATFORM_OPERATOR: l("Plattformsoperatör", "Platform operator"),
  },
};

/** The label of one value, or null when the enum or the value is unknown. */
export function enumLabel(enumName: string, value: string): LocalizedText | null {
  return ENUM_LABELS[enumName]?.[value] ?? null;
}

import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useClient, useMutation, useQuery } from "urql";
import { useViewer, ViewerDocument } from "../app";
import { chosenRegion, useSession } from "../auth/session";
import { ErrorSummary, Field } from "../components/field";
import { graphql } from "../generated";
import type { Perspective, RegisterMemberInput, RegisterPageQuery, RequestAnswerInput } from "../generated/graphql";
import { type FieldError, fieldErrorsOf } from "../graphql/errors";
import { type MessageKey, useI18n } from "../i18n";
import { birthDateOfPersonalIdentityNumber } from "../intake/personal-identity-number";
import { ageToday } from "../intake/requirements";

// The interest registration of a signed-in citizen: the networks, the person, the region's own questions (rendered
// from `Tenant.registrationForm`), the personal identity number only where the region records them, and the current
// processing consent text, which must be accepted. The API checks everything and answers every field error at once
// (`input.<field>`, `input.answers.<KEY>`); each is shown at its field. The login is linked to the new member, so the
// person lands on Mina sidor as a member.
//
// Minors: where a chosen network asks for a guardian's written consent below an age (`intakeRequirements`, Kalmar:
// 18), the guardian's fields appear as soon as the birth date — typed, or read from the personal identity number — says
// the person is younger, and the guardian goes with the registration (`input.guardian`); the API holds it until a
// coordinator has recorded the consent. What was typed for the guardian is kept if the fields go away again.

const RegisterPageDocument = graphql(`
  query RegisterPage($slug: String!) {
    tenant(slug: $slug) {
      id
      name
      collectsPersonalIdentityNumbers
      currentConsentText(kind: PROCESSING) { version text }
      registrationForm {
        version
        questions {
          key
          type
          label
          help
          required
          maxLength
          minValue
          maxValue
          options { key label }
          showWhen { question anyOf }
          requiredWhen { question anyOf }
        }
      }
      networks(first: 50) { nodes { id name description intakeRequirements { minimumAge guardianConsentBelowAge } } }
    }
  }
`);

const RegisterMemberDocument = graphql(`
  mutation RegisterMember($input: RegisterMemberInput!) {
    registerMember(input: $input) {
      registration { outcome message }
      errors {
        __typename
        ... on ErrorResult { message }
        ... on IntakeRuleNotMet { missing }
      }
    }
  }
`);

type Question = NonNullable<RegisterPageQuery["tenant"]>["registrationForm"]["questions"][number];
type Answers = Record<string, string | string[]>;
const PERSPECTIVES: Perspective[] = ["PATIENT", "RELATIVE", "SERVICE_USER"];
const TEXT_FIELDS = ["givenName", "familyName", "email", "phone", "birthDate", "municipality", "experienceText", "competences"] as const;
type TextField = (typeof TEXT_FIELDS)[number];

const blankToNull = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

const GUARDIAN_FIELDS = ["guardianName", "guardianRelation", "guardianPhone", "guardianEmail"] as const;
type GuardianField = (typeof GUARDIAN_FIELDS)[number];

/** A birth date as typed (YYYY-MM-DD, a real day), or null. */
function readBirthDate(value: string): string | null {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? text : null;
}

/** `guardian` and `guardian.<part>` → the guardian's control (`r-guardianName` …). */
function guardianTarget(path: string): string | null {
  if (path === "guardian") return "r-guardianName";
  const part = /^guardian\.([a-z]+)$/.exec(path)?.[1];
  return part ? `r-guardian${part.charAt(0).toUpperCase()}${part.slice(1)}` : null;
}

/** Whether a question's condition holds for the answers given so far (no condition: always). */
function holds(condition: Question["showWhen"], answers: Answers): boolean {
  if (!condition) return true;
  const given = answers[condition.question];
  const values = Array.isArray(given) ? given : given ? [given] : [];
  return values.some((value) => condition.anyOf.includes(value));
}

/** The answer as the API takes it, or null when nothing was given. */
function answerInput(question: Question, value: string | string[] | undefined): RequestAnswerInput | null {
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return null;
  const single = Array.isArray(value) ? "" : value.trim();
  switch (question.type) {
    case "MULTIPLE_CHOICE":
      return { question: question.key, choices: Array.isArray(value) ? value : [value] };
    case "SINGLE_CHOICE":
      return { question: question.key, choice: single };
    case "YES_NO":
      return { question: question.key, yes: single === "YES" };
    case "NUMBER":
      return { question: question.key, number: Number(single.replace(",", ".")) };
    case "DATE":
      return { question: question.key, date: single };
    default:
      return single ? { question: question.key, text: single } : null;
  }
}

export function RegisterPage() {
  const { t } = useI18n();
  const session = useSession();
  const viewer = useViewer();
  if (!session || !viewer?.tenant) {
    const region = chosenRegion();
    return (
      <>
        <h1>{t("memberRegisterTitle")}</h1>
        <p>{t("memberRegisterSignInFirst")}</p>
        <p>
          <Link to={region ? `/signin/${region}?next=/register` : "/region"}>{t("memberRegisterSignIn")}</Link>
        </p>
      </>
    );
  }
  if (viewer.member) {
    return (
      <>
        <h1>{t("memberRegisterTitle")}</h1>
        <p>{t("memberAlreadyMember", { region: viewer.tenant.name })}</p>
        <p>
          <Link to="/my">{t("memberGoToMyPages")}</Link>
        </p>
      </>
    );
  }
  return <RegistrationForm slug={viewer.tenant.slug} />;
}

function RegistrationForm({ slug }: { slug: string }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const client = useClient();
  const [{ data, fetching, error }] = useQuery({ query: RegisterPageDocument, variables: { slug } });
  const [submission, register] = useMutation(RegisterMemberDocument);
  const [networkIds, setNetworkIds] = useState<string[]>([]);
  const [values, setValues] = useState<Record<TextField | GuardianField | "personalIdentityNumber", string>>({
    givenName: "",
    familyName: "",
    email: "",
    phone: "",
    birthDate: "",
    municipality: "",
    experienceText: "",
    competences: "",
    personalIdentityNumber: "",
    guardianName: "",
    guardianRelation: "",
    guardianPhone: "",
    guardianEmail: "",
  });
  // Whether the birth date shown was read from the personal identity number (and follows it) or typed.
  const [birthDateFromNumber, setBirthDateFromNumber] = useState(false);
  const [perspectives, setPerspectives] = useState<Perspective[]>([]);
  const [answers, setAnswers] = useState<Answers>({});
  const [consentGiven, setConsentGiven] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  if (fetching && !data) return <p>{t("loading")}</p>;
  if (error) return <p role="alert">{error.message}</p>;
  const tenant = data?.tenant;
  if (!tenant) return <p>{t("errorGeneric")}</p>;
  const consent = tenant.currentConsentText;
  const questions = tenant.registrationForm.questions;
  const shown = questions.filter((question) => holds(question.showWhen, answers));

  // The networks' age rules for the networks chosen, as the API applies them (the strictest of each).
  const chosen = tenant.networks.nodes.filter((network) => networkIds.includes(network.id));
  const guardianLimit = Math.max(-1, ...chosen.map((network) => network.intakeRequirements.guardianConsentBelowAge ?? -1));
  const strictestMinimum = chosen
    .filter((network) => network.intakeRequirements.minimumAge != null)
    .sort((a, b) => (b.intakeRequirements.minimumAge ?? 0) - (a.intakeRequirements.minimumAge ?? 0))[0];
  const birthDate =
    readBirthDate(values.birthDate) ??
    (tenant.collectsPersonalIdentityNumbers ? birthDateOfPersonalIdentityNumber(values.personalIdentityNumber) : null);
  const age = birthDate ? ageToday(birthDate, null) : null;
  const pathOf = (error: FieldError) => error.field.replace(/^input\./, "");
  const guardianErrors = errors.filter((error) => pathOf(error) === "guardian" || pathOf(error).startsWith("guardian."));
  // Shown below the age limit, and when the API asked for a guardian of someone whose age the page cannot tell.
  const guardianNeeded = age !== null && guardianLimit >= 0 && age < guardianLimit;
  const showGuardian = guardianNeeded || (age === null && guardianErrors.length > 0);
  const belowMinimum =
    strictestMinimum && age !== null && age < (strictestMinimum.intakeRequirements.minimumAge ?? 0) ? strictestMinimum : null;
  const errorsAt = (path: string) => errors.filter((error) => pathOf(error) === path || pathOf(error).startsWith(`${path}[`));
  const consentErrors = errors.filter((error) => pathOf(error).startsWith("consent"));
  // Where each error is shown: the element the summary links to.
  const targetOf = (path: string): string | undefined => {
    if (path.startsWith("consent")) return "r-consent";
    if (path.startsWith("networkIds")) return "r-networkIds";
    if (path.startsWith("perspectives")) return "r-perspectives";
    if (path.startsWith("answers.")) return shown.some((q) => `answers.${q.key}` === path) ? `r-${path}` : undefined;
    const field = path.replace(/\[\d+\]$/, "");
    if ((TEXT_FIELDS as readonly string[]).includes(field)) return `r-${field}`;
    if (path === "personalIdentityNumber" && tenant.collectsPersonalIdentityNumbers) return "r-personalIdentityNumber";
    return showGuardian ? (guardianTarget(path) ?? undefined) : undefined;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const input: RegisterMemberInput = {
      tenantSlug: slug,
      networkIds,
      givenName: values.givenName.trim(),
      familyName: values.familyName.trim(),
      email: blankToNull(values.email),
      phone: blankToNull(values.phone),
      birthDate: blankToNull(values.birthDate),
      municipality: blankToNull(values.municipality),
      experienceText: blankToNull(values.experienceText),
      // One competence per line, as the hint says; the API trims them and drops repeats.
      competences: values.competences.split("\n").filter((line) => line.trim()),
      perspectives,
      preferredLocale: language,
      consent: { accepted: consentGiven, textVersion: consent?.version ?? "" },
      answers: shown.flatMap((question) => answerInput(question, answers[question.key]) ?? []),
      ...(tenant.collectsPersonalIdentityNumbers ? { personalIdentityNumber: blankToNull(values.personalIdentityNumber) } : {}),
      // The guardian only where the fields are shown: what is typed there and then hidden again is not sent.
      ...(showGuardian
        ? {
            guardian: {
              name: values.guardianName.trim(),
              relation: blankToNull(values.guardianRelation),
              phone: blankToNull(values.guardianPhone),
              email: blankToNull(values.guardianEmail),
            },
          }
        : {}),
    };
    const result = await register({ input });
    const found = fieldErrorsOf(result.error);
    const payload = result.data?.registerMember;
    // The payload's refusals belong to a field too: the consent, the personal identity number, the rule's fact.
    for (const refusal of payload?.errors ?? []) {
      const message = refusal.message;
      if (refusal.__typename === "ConsentRequired") found.push({ field: "input.consent.accepted", code: "CONSENT_REQUIRED", message });
      else if (refusal.__typename === "InvalidPersonalIdentityNumber" || refusal.__typename === "PersonalIdentityNumberTaken")
        found.push({ field: "input.personalIdentityNumber", code: refusal.__typename, message });
      else if (refusal.__typename === "IntakeRuleNotMet") {
        // The rule names the fact (`age`, `municipality`); the age is the birth date's.
        const field = refusal.missing === "age" ? "birthDate" : refusal.missing === "guardianConsentGiven" ? "guardian" : refusal.missing;
        found.push({ field: `input.${field}`, code: "INTAKE_RULE", message });
      }
    }
    setErrors(found);
    setFailure(result.error && !found.length ? result.error.message : null);
    if (payload?.registration) {
      // The login is now the member's: read `me` again, so the navigation and Mina sidor know it.
      await client.query(ViewerDocument, {}, { requestPolicy: "network-only" }).toPromise();
      navigate("/my", { state: { registered: payload.registration.message } });
    }
  };

  const summary: Array<{ message: string; target?: string }> = errors.map((error) => {
    const target = targetOf(pathOf(error));
    return { message: error.message, ...(target ? { target } : {}) };
  });
  if (failure) summary.unshift({ message: failure });
  const set = (key: keyof typeof values) => (value: string) => setValues((old) => ({ ...old, [key]: value }));
  const setBirthDate = (value: string) => {
    setBirthDateFromNumber(false);
    set("birthDate")(value);
  };
  // A valid number fills in an empty birth date (and keeps it in step while it is the number's); a typed one stays.
  const setPersonalIdentityNumber = (value: string) => {
    const fromNumber = birthDateOfPersonalIdentityNumber(value);
    const follows = birthDateFromNumber || !values.birthDate.trim();
    setValues((old) => ({
      ...old,
      personalIdentityNumber: value,
      ...(follows ? { birthDate: fromNumber ?? "" } : {}),
    }));
    if (follows) setBirthDateFromNumber(fromNumber !== null);
  };
  const birthDateHint = [
    t("memberBirthDateHint"),
    birthDateFromNumber ? t("memberBirthDateFromPin") : null,
    belowMinimum ? t("memberBelowMinimumAge", { network: belowMinimum.name, age: belowMinimum.intakeRequirements.minimumAge ?? "" }) : null,
  ]
    .filter(Boolean)
    .join(" ");
  const errorId = (id: string, list: FieldError[]) => (list.length ? `${id}-error` : undefined);
  const errorLine = (id: string, list: FieldError[]) =>
    list.length ? (
      <p className="error" id={`${id}-error`}>
        {list.map((e) => e.message).join(" ")}
      </p>
    ) : null;

  const textInput = (
    key: TextField,
    label: string,
    options: { type?: string; autoComplete?: string; hint?: string; required?: boolean },
  ) => (
    <Field key={key} id={`r-${key}`} label={label} hint={options.hint ?? null} required={options.required} errors={errorsAt(key)}>
      {(control) =>
        key === "experienceText" || key === "competences" ? (
          <textarea {...control} rows={key === "competences" ? 3 : 4} value={values[key]} onChange={(e) => set(key)(e.target.value)} />
        ) : (
          <input
            {...control}
            type={options.type ?? "text"}
            autoComplete={options.autoComplete}
            value={values[key]}
            onChange={(e) => (key === "birthDate" ? setBirthDate : set(key))(e.target.value)}
          />
        )
      }
    </Field>
  );

  const guardianInput = (
    key: GuardianField,
    path: string,
    label: string,
    options: { type?: string; autoComplete?: string; required?: boolean },
  ) => (
    <Field
      key={key}
      id={`r-${key}`}
      label={label}
      required={options.required}
      // `input.guardian` itself (none given at all) is the name's error.
      errors={errors.filter((error) => pathOf(error) === path || (key === "guardianName" && pathOf(error) === "guardian"))}
    >
      {(control) => (
        <input
          {...control}
          type={options.type ?? "text"}
          autoComplete={options.autoComplete}
          value={values[key]}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </Field>
  );

  const renderQuestion = (question: Question) => {
    const id = `r-answers.${question.key}`;
    const list = errorsAt(`answers.${question.key}`);
    const required = question.required || (question.requiredWhen ? holds(question.requiredWhen, answers) : false);
    const value = answers[question.key];
    const setAnswer = (next: string | string[]) => setAnswers((old) => ({ ...old, [question.key]: next }));
    if (question.type === "SINGLE_CHOICE" || question.type === "MULTIPLE_CHOICE" || question.type === "YES_NO") {
      const multiple = question.type === "MULTIPLE_CHOICE";
      const options =
        question.type === "YES_NO"
          ? [
              { key: "YES", label: t("yes") },
              { key: "NO", label: t("no") },
            ]
          : question.options;
      const describedBy = [question.help ? `${id}-hint` : null, errorId(id, list)].filter(Boolean).join(" ") || undefined;
      return (
        <fieldset key={question.key} id={id} aria-describedby={describedBy} className={list.length ? "has-error" : undefined}>
          <legend>
            {question.label}
            {required ? (
              <span className="required">
                {" "}
                *<span className="visually-hidden"> ({t("required")})</span>
              </span>
            ) : null}
          </legend>
          {question.help ? (
            <p className="hint" id={`${id}-hint`}>
              {question.help}
            </p>
          ) : null}
          {errorLine(id, list)}
          {options.map((option) => {
            const optionId = `${id}-${option.key}`;
            const checked = multiple ? Array.isArray(value) && value.includes(option.key) : value === option.key;
            return (
              <div className="choice" key={option.key}>
                <input
                  type={multiple ? "checkbox" : "radio"}
                  id={optionId}
                  name={id}
                  checked={checked}
                  aria-invalid={list.length ? true : undefined}
                  onChange={(e) => {
                    if (!multiple) setAnswer(option.key);
                    else {
                      const old = Array.isArray(value) ? value : [];
                      setAnswer(e.target.checked ? [...old, option.key] : old.filter((key) => key !== option.key));
                    }
                  }}
                />
                <label htmlFor={optionId}>{option.label}</label>
              </div>
            );
          })}
        </fieldset>
      );
    }
    const text = typeof value === "string" ? value : "";
    return (
      <Field key={question.key} id={id} label={question.label} hint={question.help} required={required} errors={list}>
        {(control) =>
          question.type === "LONG_TEXT" ? (
            <textarea
              {...control}
              rows={4}
              maxLength={question.maxLength ?? undefined}
              value={text}
              onChange={(e) => setAnswer(e.target.value)}
            />
          ) : (
            <input
              {...control}
              type={question.type === "DATE" ? "date" : question.type === "NUMBER" ? "number" : "text"}
              inputMode={question.type === "NUMBER" ? "decimal" : undefined}
              min={question.minValue ?? undefined}
              max={question.maxValue ?? undefined}
              maxLength={question.type === "SHORT_TEXT" ? (question.maxLength ?? undefined) : undefined}
              value={text}
              onChange={(e) => setAnswer(e.target.value)}
            />
          )
        }
      </Field>
    );
  };

  const networkErrors = errorsAt("networkIds");
  const perspectiveErrors = errorsAt("perspectives");
  return (
    <>
      <h1>{t("memberRegisterTitle")}</h1>
      <p>{t("memberRegisterIntro")}</p>
      <ErrorSummary errors={summary} title={t("errorSummary")} />
      <form onSubmit={onSubmit} noValidate>
        <fieldset
          id="r-networkIds"
          aria-describedby={["r-networkIds-hint", errorId("r-networkIds", networkErrors)].filter(Boolean).join(" ")}
          className={networkErrors.length ? "has-error" : undefined}
        >
          <legend>
            {t("memberNetworks")}
            <span className="required">
              {" "}
              *<span className="visually-hidden"> ({t("required")})</span>
            </span>
          </legend>
          <p className="hint" id="r-networkIds-hint">
            {t("memberNetworksHint")}
          </p>
          {errorLine("r-networkIds", networkErrors)}
          {tenant.networks.nodes.map((network) => (
            <div key={network.id}>
              <div className="choice">
                <input
                  type="checkbox"
                  id={`r-network-${network.id}`}
                  checked={networkIds.includes(network.id)}
                  aria-describedby={network.description ? `r-network-${network.id}-description` : undefined}
                  onChange={(e) =>
                    setNetworkIds((old) => (e.target.checked ? [...old, network.id] : old.filter((id) => id !== network.id)))
                  }
                />
                <label htmlFor={`r-network-${network.id}`}>{network.name}</label>
              </div>
              {network.description ? (
                <p className="hint" id={`r-network-${network.id}-description`}>
                  {network.description}
                </p>
              ) : null}
            </div>
          ))}
        </fieldset>

        <h2>{t("memberAboutYou")}</h2>
        {textInput("givenName", t("givenName"), { autoComplete: "given-name", required: true })}
        {textInput("familyName", t("familyName"), { autoComplete: "family-name", required: true })}
        <p className="hint">{t("memberEmailOrPhone")}</p>
        {textInput("email", t("email"), { type: "email", autoComplete: "email" })}
        {textInput("phone", t("phone"), { type: "tel", autoComplete: "tel" })}
        {textInput("birthDate", t("memberBirthDate"), { type: "date", autoComplete: "bday", hint: birthDateHint })}
        {tenant.collectsPersonalIdentityNumbers ? (
          <Field
            id="r-personalIdentityNumber"
            label={t("memberPersonalIdentityNumber")}
            hint={t("memberPersonalIdentityNumberHint")}
            errors={errorsAt("personalIdentityNumber")}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={values.personalIdentityNumber}
                onChange={(e) => setPersonalIdentityNumber(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        {textInput("municipality", t("municipality"), { autoComplete: "address-level2" })}
        <p className="visually-hidden" role="status">
          {showGuardian ? t("memberGuardianShown") : ""}
        </p>
        {showGuardian ? (
          <fieldset id="r-guardian" aria-describedby="r-guardian-intro">
            <legend>{t("memberGuardianHeading")}</legend>
            <p className="hint" id="r-guardian-intro">
              {guardianNeeded ? t("memberGuardianIntro", { age: guardianLimit }) : null} {t("memberGuardianContactHint")}
            </p>
            {guardianInput("guardianName", "guardian.name", t("memberGuardianName"), { autoComplete: "off", required: true })}
            {guardianInput("guardianRelation", "guardian.relation", t("memberGuardianRelation"), { autoComplete: "off" })}
            {guardianInput("guardianPhone", "guardian.phone", t("memberGuardianPhone"), { type: "tel", autoComplete: "off" })}
            {guardianInput("guardianEmail", "guardian.email", t("memberGuardianEmail"), { type: "email", autoComplete: "off" })}
          </fieldset>
        ) : null}
        <fieldset
          id="r-perspectives"
          aria-describedby={errorId("r-perspectives", perspectiveErrors)}
          className={perspectiveErrors.length ? "has-error" : undefined}
        >
          <legend>
            {t("memberPerspectives")}
            <span className="required">
              {" "}
              *<span className="visually-hidden"> ({t("required")})</span>
            </span>
          </legend>
          {errorLine("r-perspectives", perspectiveErrors)}
          {PERSPECTIVES.map((perspective) => (
            <div className="choice" key={perspective}>
              <input
                type="checkbox"
                id={`r-perspective-${perspective}`}
                checked={perspectives.includes(perspective)}
                onChange={(e) =>
                  setPerspectives((old) => (e.target.checked ? [...old, perspective] : old.filter((p) => p !== perspective)))
                }
              />
              <label htmlFor={`r-perspective-${perspective}`}>{t(`perspective${perspective}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        {textInput("experienceText", t("memberExperienceText"), {})}
        {textInput("competences", t("memberCompetences"), { hint: `${t("memberCompetencesHint")} ${t("onePerLine")}` })}

        {shown.length ? (
          <>
            <h2>{t("memberRegionQuestions")}</h2>
            {shown.map(renderQuestion)}
          </>
        ) : null}

        <h2>{t("memberConsent")}</h2>
        {consent ? (
          <>
            <p className="consent-text" id="r-consent-text">
              {consent.text}
            </p>
            <div className={consentErrors.length ? "choice has-error" : "choice"}>
              <input
                type="checkbox"
                id="r-consent"
                checked={consentGiven}
                onChange={(e) => setConsentGiven(e.target.checked)}
                aria-describedby={["r-consent-text", errorId("r-consent", consentErrors)].filter(Boolean).join(" ")}
                aria-invalid={consentErrors.length ? true : undefined}
              />
              <label htmlFor="r-consent">
                {t("memberConsentAccept")}
                <span className="required">
                  {" "}
                  *<span className="visually-hidden"> ({t("required")})</span>
                </span>
              </label>
            </div>
            {errorLine("r-consent", consentErrors)}
          </>
        ) : (
          <p role="alert">{t("memberConsentMissing")}</p>
        )}
        <button type="submit" disabled={submission.fetching || !consent}>
          {t("memberSubmitRegistration")}
        </button>
      </form>
    </>
  );
}

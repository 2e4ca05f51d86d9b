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

// The interest registration of a signed-in citizen: the networks, the person, the region's own questions (rendered
// from `Tenant.registrationForm`), the personal identity number only where the region records them, and the current
// processing consent text, which must be accepted. The API checks everything and answers every field error at once
// (`input.<field>`, `input.answers.<KEY>`); each is shown at its field. The login is linked to the new member, so the
// person lands on Mina sidor as a member.

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
      networks(first: 50) { nodes { id name description } }
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
  const [values, setValues] = useState<Record<TextField | "personalIdentityNumber", string>>({
    givenName: "",
    familyName: "",
    email: "",
    phone: "",
    birthDate: "",
    municipality: "",
    experienceText: "",
    competences: "",
    personalIdentityNumber: "",
  });
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

  const pathOf = (error: FieldError) => error.field.replace(/^input\./, "");
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
    return undefined;
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
      else if (refusal.__typename === "IntakeRuleNotMet") found.push({ field: `input.${refusal.missing}`, code: "INTAKE_RULE", message });
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
            onChange={(e) => set(key)(e.target.value)}
          />
        )
      }
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
        {textInput("birthDate", t("memberBirthDate"), { type: "date", autoComplete: "bday", hint: t("memberBirthDateHint") })}
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
                onChange={(e) => set("personalIdentityNumber")(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        {textInput("municipality", t("municipality"), { autoComplete: "address-level2" })}
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

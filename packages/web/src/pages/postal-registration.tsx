import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { useViewer } from "../app";
import { ErrorSummary, Field, Status } from "../components/field";
import { graphql } from "../generated";
import type { Perspective, RegisterMemberOnBehalfInput, RegistrationChannel } from "../generated/graphql";
import { type FieldError, fieldErrorsOf } from "../graphql/errors";
import { type MessageKey, useI18n } from "../i18n";
import { coordinatedNetworks } from "../intake/networks";

// A registration that came on paper or by phone, entered by the coordinator (`registerMemberOnBehalf`). Every field
// error is shown at its field; the network's intake rules answer with their own messages (a minor without a guardian
// is held, a municipality outside the network's is refused).

const PostalRegistrationDocument = graphql(`
  query PostalRegistration {
    me {
      tenant {
        id
        collectsPersonalIdentityNumbers
        currentConsentText(kind: PROCESSING) { version text }
        experienceTaxonomy { id key label children { id key label } }
      }
    }
  }
`);

const RegisterOnBehalfDocument = graphql(`
  mutation RegisterMemberOnBehalf($input: RegisterMemberOnBehalfInput!) {
    registerMemberOnBehalf(input: $input) {
      member { id givenName familyName }
      outcome
      alreadyRegistered
      probableDuplicates
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const PERSPECTIVES: Perspective[] = ["PATIENT", "RELATIVE", "SERVICE_USER"];

const empty = {
  channel: "POSTAL" as RegistrationChannel,
  givenName: "",
  familyName: "",
  birthDate: "",
  birthYear: "",
  personalIdentityNumber: "",
  municipality: "",
  email: "",
  phone: "",
  languages: "",
  competences: "",
  experienceText: "",
  organisationRepresented: "",
  availabilityNote: "",
  accessibilityNeeds: "",
  guardianName: "",
  guardianRelation: "",
  guardianPhone: "",
  guardianEmail: "",
};

/** The control a field error belongs to: `guardian.name` → r-guardianName, `languages[1]` → r-languages. */
function targetOf(path: string): string {
  const [head = "", part] = path.split(/[.[]/);
  if (head === "guardian" && part && /^[a-z]+$/.test(part)) return `r-guardian${part.charAt(0).toUpperCase()}${part.slice(1)}`;
  if (head === "guardian") return "r-guardianName";
  return `r-${head}`;
}

const lines = (value: string, separator: RegExp) =>
  value
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

export function PostalRegistrationPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const networks = coordinatedNetworks(viewer);
  const [{ data }] = useQuery({ query: PostalRegistrationDocument });
  const [registering, register] = useMutation(RegisterOnBehalfDocument);
  const [form, setForm] = useState(empty);
  const [networkIds, setNetworkIds] = useState<string[]>(networks.length === 1 ? networks.map((network) => network.id) : []);
  const [perspectives, setPerspectives] = useState<Perspective[]>([]);
  const [experienceKeys, setExperienceKeys] = useState<string[]>([]);
  const [consented, setConsented] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failures, setFailures] = useState<string[]>([]);
  const [done, setDone] = useState<{ id: string; name: string; text: string; extra: string[] } | null>(null);
  const tenant = data?.me?.tenant;
  const consentText = tenant?.currentConsentText ?? null;
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setForm((old) => ({ ...old, [key]: e.target.value }));
  const pathOf = (error: FieldError) => error.field.replace(/^input\./, "");
  // A control's errors: its own path, or an item of it (`languages[1]`); a group (consent) also takes its parts.
  const errorsAt = (...paths: string[]) =>
    errors.filter((error) => paths.some((path) => pathOf(error) === path || pathOf(error).startsWith(`${path}[`)));
  const groupErrorsAt = (path: string) =>
    errors.filter((error) => pathOf(error) === path || (/^[.[]/.test(pathOf(error).slice(path.length)) && pathOf(error).startsWith(path)));
  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((x) => x !== value));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const guardian = form.guardianName.trim()
      ? {
          name: form.guardianName.trim(),
          relation: form.guardianRelation.trim() || null,
          phone: form.guardianPhone.trim() || null,
          email: form.guardianEmail.trim() || null,
        }
      : null;
    const input: RegisterMemberOnBehalfInput = {
      channel: form.channel,
      networkIds,
      givenName: form.givenName,
      familyName: form.familyName,
      birthDate: form.birthDate.trim() || null,
      birthYear: form.birthYear.trim() ? Number(form.birthYear) : null,
      personalIdentityNumber: form.personalIdentityNumber.trim() || null,
      municipality: form.municipality.trim() || null,
      email: form.email.trim() || null,
      phone: form.phone.trim() || null,
      perspectives,
      languages: lines(form.languages, /[,\s]+/),
      competences: lines(form.competences, /\n/),
      experienceTagKeys: experienceKeys,
      experienceText: form.experienceText.trim() || null,
      organisationRepresented: form.organisationRepresented.trim() || null,
      availabilityNote: form.availabilityNote.trim() || null,
      accessibilityNeeds: form.accessibilityNeeds.trim() || null,
      guardian,
      consent: { accepted: consented, textVersion: consentText?.version ?? "" },
    };
    const result = await register({ input });
    const found = fieldErrorsOf(result.error);
    setErrors(found);
    const payload = result.data?.registerMemberOnBehalf;
    const problems = found.length
      ? []
      : result.error
        ? [result.error.graphQLErrors[0]?.message ?? t("errorGeneric")]
        : (payload?.errors ?? []).map((e) => ("message" in e && e.message ? e.message : (e.__typename ?? "")));
    setFailures(problems);
    if (!found.length && !problems.length && payload?.member) {
      const name = `${payload.member.givenName} ${payload.member.familyName}`;
      const extra = [
        ...(payload.alreadyRegistered ? [t("coordAlreadyRegistered")] : []),
        ...(payload.probableDuplicates ? [t("coordDuplicates", { count: payload.probableDuplicates })] : []),
      ];
      setDone({
        id: payload.member.id,
        name,
        text: payload.outcome === "AWAITING_GUARDIAN_CONSENT" ? t("coordRegisteredAwaiting", { name }) : t("coordRegistered", { name }),
        extra,
      });
      setForm(empty);
      setPerspectives([]);
      setExperienceKeys([]);
      setConsented(false);
    }
  };

  const summary = [
    ...errors.map((error) => ({ message: error.message, target: targetOf(pathOf(error)) })),
    ...failures.map((message) => ({ message })),
  ];
  const text = (
    key: keyof typeof empty,
    label: MessageKey,
    options: { required?: boolean; type?: string; hint?: string; paths?: string[] } = {},
  ) => (
    <Field id={`r-${key}`} label={t(label)} required={options.required} hint={options.hint} errors={errorsAt(...(options.paths ?? [key]))}>
      {(control) => <input {...control} type={options.type ?? "text"} value={form[key]} onChange={set(key)} />}
    </Field>
  );
  const groupErrors = (path: string, id: string) => {
    const list = groupErrorsAt(path);
    return list.length ? (
      <p className="error" id={`${id}-error`}>
        {list.map((e) => e.message).join(" ")}
      </p>
    ) : null;
  };

  return (
    <>
      <p>
        <Link to="/intake">← {t("intakeTitle")}</Link>
      </p>
      <h1>{t("coordRegisterTitle")}</h1>
      <p>{t("coordRegisterIntro")}</p>
      {done ? (
        <Status kind="success">
          {done.text} {done.extra.join(" ")} <Link to={`/members/${done.id}`}>{t("coordOpen", { name: done.name })}</Link>
        </Status>
      ) : null}
      <ErrorSummary errors={summary} title={t("errorSummary")} />
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t("coordChannel")}</legend>
          {(["POSTAL", "PHONE"] as const).map((channel) => (
            <div className="choice" key={channel}>
              <input
                type="radio"
                name="channel"
                id={`r-channel-${channel}`}
                checked={form.channel === channel}
                onChange={() => setForm((old) => ({ ...old, channel }))}
              />
              <label htmlFor={`r-channel-${channel}`}>{t(`coordChannel${channel}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset id="r-networkIds" aria-describedby={errorsAt("networkIds").length ? "r-networkIds-error" : undefined}>
          <legend>{t("coordNetworks")} *</legend>
          {groupErrors("networkIds", "r-networkIds")}
          {networks.map((network) => (
            <div className="choice" key={network.id}>
              <input
                type="checkbox"
                id={`r-network-${network.id}`}
                checked={networkIds.includes(network.id)}
                onChange={(e) => setNetworkIds((old) => toggle(old, network.id, e.target.checked))}
              />
              <label htmlFor={`r-network-${network.id}`}>{network.name}</label>
            </div>
          ))}
        </fieldset>
        {text("givenName", "givenName", { required: true })}
        {text("familyName", "familyName", { required: true })}
        {text("birthDate", "coordBirthDate", { hint: t("coordBirthHint") })}
        {text("birthYear", "coordBirthYear", { type: "number" })}
        {tenant?.collectsPersonalIdentityNumbers ? text("personalIdentityNumber", "coordPin") : null}
        {text("municipality", "municipality")}
        {text("email", "email", { type: "email" })}
        {text("phone", "phone", { type: "tel" })}
        <fieldset id="r-perspectives" aria-describedby={errorsAt("perspectives").length ? "r-perspectives-error" : undefined}>
          <legend>{t("coordPerspectives")} *</legend>
          {groupErrors("perspectives", "r-perspectives")}
          {PERSPECTIVES.map((perspective) => (
            <div className="choice" key={perspective}>
              <input
                type="checkbox"
                id={`r-perspective-${perspective}`}
                checked={perspectives.includes(perspective)}
                onChange={(e) => setPerspectives((old) => toggle(old, perspective, e.target.checked))}
              />
              <label htmlFor={`r-perspective-${perspective}`}>{t(`perspective${perspective}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        {tenant?.experienceTaxonomy.length ? (
          <fieldset
            id="r-experienceTagKeys"
            aria-describedby={errorsAt("experienceTagKeys").length ? "r-experienceTagKeys-error" : undefined}
          >
            <legend>{t("coordExperiences")}</legend>
            {groupErrors("experienceTagKeys", "r-experienceTagKeys")}
            {tenant.experienceTaxonomy
              .flatMap((tag) => [tag, ...tag.children])
              .map((tag) => (
                <div className="choice" key={tag.id}>
                  <input
                    type="checkbox"
                    id={`r-tag-${tag.key}`}
                    checked={experienceKeys.includes(tag.key)}
                    onChange={(e) => setExperienceKeys((old) => toggle(old, tag.key, e.target.checked))}
                  />
                  <label htmlFor={`r-tag-${tag.key}`}>{tag.label}</label>
                </div>
              ))}
          </fieldset>
        ) : null}
        <Field id="r-experienceText" label={t("coordExperienceText")} errors={errorsAt("experienceText")}>
          {(control) => <textarea {...control} rows={3} value={form.experienceText} onChange={set("experienceText")} />}
        </Field>
        {text("languages", "coordLanguages", { hint: t("coordLanguagesHint") })}
        <Field id="r-competences" label={t("coordCompetences")} hint={t("coordCompetencesHint")} errors={errorsAt("competences")}>
          {(control) => <textarea {...control} rows={2} value={form.competences} onChange={set("competences")} />}
        </Field>
        {text("organisationRepresented", "coordOrganisation")}
        {text("availabilityNote", "availabilityNote")}
        {text("accessibilityNeeds", "coordAccessibility")}
        <fieldset>
          <legend>{t("coordGuardianFieldset")}</legend>
          {text("guardianName", "coordGuardianName", { paths: ["guardian.name", "guardian"] })}
          {text("guardianRelation", "coordGuardianRelation", { paths: ["guardian.relation"] })}
          {text("guardianPhone", "coordGuardianPhone", { type: "tel", paths: ["guardian.phone"] })}
          {text("guardianEmail", "coordGuardianEmail", { type: "email", paths: ["guardian.email"] })}
        </fieldset>
        {consentText ? (
          <div className={groupErrorsAt("consent").length ? "field has-error" : "field"} id="r-consent">
            <details>
              <summary>{t("coordGuardianConsentText", { version: consentText.version })}</summary>
              <p>{consentText.text}</p>
            </details>
            {groupErrors("consent", "r-consent")}
            <div className="choice">
              <input
                type="checkbox"
                id="r-consent-accepted"
                checked={consented}
                onChange={(e) => setConsented(e.target.checked)}
                aria-describedby={groupErrorsAt("consent").length ? "r-consent-error" : undefined}
              />
              <label htmlFor="r-consent-accepted">{t("coordProcessingConsent", { version: consentText.version })}</label>
            </div>
          </div>
        ) : null}
        <button type="submit" disabled={registering.fetching}>
          {t("coordRegister")}
        </button>
      </form>
    </>
  );
}

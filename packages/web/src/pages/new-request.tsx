import { type FormEvent, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useMutation, useQuery } from "urql";
import { useViewer } from "../app";
import { ErrorSummary, Field } from "../components/field";
import { graphql } from "../generated";
import type { Perspective, RequestField, SubmitRequestInput } from "../generated/graphql";
import { type FieldError, fieldErrorsOf } from "../graphql/errors";
import { type MessageKey, useI18n } from "../i18n";

// The unit's request, rendered from the region's own form definition (which fields, labels, help, required): the
// API validates against the same definition and answers every field error at once, each shown at its field.

const RequestFormDocument = graphql(`
  query RequestForm {
    me {
      roles { role unitId }
      tenant {
        id
        networks(first: 20) {
          nodes {
            id
            name
            requestForm {
              id
              name
              fields { field label help required }
              assignmentTypes { key label }
            }
          }
        }
      }
    }
  }
`);

// The cost centres the unit may bill, and its own as the default: the form may require the field (Kalmar does).
const RequestOptionsDocument = graphql(`
  query RequestOptions($networkId: ID, $unitId: ID) {
    myRequestOptions(networkId: $networkId, unitId: $unitId) {
      defaultCostCentre
      costCentres { code name }
    }
  }
`);

const SubmitRequestDocument = graphql(`
  mutation SubmitRequest($input: SubmitRequestInput!) {
    submitRequest(input: $input) {
      request { id title status }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

interface OccasionDraft {
  startsAt: string;
  endsAt: string;
  place: string;
  digitalLink: string;
}

type Values = Record<string, string>;
const PERSPECTIVES: Perspective[] = ["PATIENT", "RELATIVE", "SERVICE_USER"];

/** The input field (and element id) each form field fills. */
const INPUT_KEY: Record<RequestField, string> = {
  ASSIGNMENT_TYPE: "assignmentType",
  AUDIENCE: "audience",
  AUDIENCE_SIZE: "audienceSize",
  COMPENSATION_OFFERED: "compensationOffered",
  CONTACT_PERSON: "contactPerson",
  COMPETENCES_SOUGHT: "competencesSought",
  COST_CENTRE: "costCentre",
  EXPECTATIONS: "expectations",
  EXPERIENCE_SOUGHT: "experienceSought",
  NUMBER_OF_PERSONS: "numberOfPersons",
  OCCASIONS: "occasions",
  ONE_OFF_OR_LONG: "oneOffOrLong",
  PERSPECTIVES_SOUGHT: "perspectivesSought",
  PREPARATION: "preparation",
  PURPOSE: "purpose",
  SELECTION_PROCESS: "selectionProcess",
  SPECIAL_REQUIREMENTS: "specialRequirements",
  TITLE: "title",
};
const LONG_TEXT = new Set<RequestField>(["PURPOSE", "EXPECTATIONS", "PREPARATION", "SELECTION_PROCESS", "SPECIAL_REQUIREMENTS"]);

const toIso = (local: string): string | null => (local ? new Date(local).toISOString() : null);
const blankToNull = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);
const numberOrNull = (value: string | undefined): number | null => (value?.trim() ? Number(value) : null);

export function NewRequestPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [{ data, fetching }] = useQuery({ query: RequestFormDocument });
  const [submission, submit] = useMutation(SubmitRequestDocument);
  const networks = (data?.me?.tenant?.networks.nodes ?? []).filter((network) => network.requestForm);
  const [networkId, setNetworkId] = useState<string>("");
  const network = networks.find((n) => n.id === networkId) ?? networks[0];
  const [values, setValues] = useState<Values>({ oneOffOrLong: "ONE_OFF" });
  const [perspectives, setPerspectives] = useState<Perspective[]>([]);
  const [occasions, setOccasions] = useState<OccasionDraft[]>([{ startsAt: "", endsAt: "", place: "", digitalLink: "" }]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [payloadError, setPayloadError] = useState<string | null>(null);
  const unitId = viewer?.roles.find((grant) => grant.role === "REQUESTER")?.unitId ?? null;
  const [{ data: optionsData }] = useQuery({
    query: RequestOptionsDocument,
    variables: { networkId: network?.id ?? null, unitId },
    pause: !network,
  });
  const costCentres = optionsData?.myRequestOptions?.costCentres ?? [];
  const defaultCostCentre = optionsData?.myRequestOptions?.defaultCostCentre ?? "";

  const set = (key: string) => (value: string) => setValues((old) => ({ ...old, [key]: value }));
  const errorsAt = (path: string) => errors.filter((error) => error.field.replace(/^input\./, "") === path);
  const renderedPaths = useMemo(() => {
    const paths = new Set<string>(["networkId"]);
    for (const field of network?.requestForm?.fields ?? []) {
      const key = INPUT_KEY[field.field];
      paths.add(key);
      if (field.field === "CONTACT_PERSON") for (const part of ["name", "email", "phone"]) paths.add(`contactPerson.${part}`);
      if (field.field === "EXPERIENCE_SOUGHT") paths.add("experienceSought.text");
      if (field.field === "OCCASIONS")
        occasions.forEach((_, index) => {
          for (const part of ["startsAt", "endsAt", "place", "digitalLink"]) paths.add(`occasions[${index}].${part}`);
        });
    }
    return paths;
  }, [network, occasions]);

  if (fetching && !data) return <p>{t("loading")}</p>;
  if (!network?.requestForm) return <p>{t("errorGeneric")}</p>;
  const form = network.requestForm;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const asked = new Set(form.fields.map((field) => field.field));
    const input: SubmitRequestInput = { networkId: network.id, ...(unitId ? { unitId } : {}) };
    const text = (field: RequestField) => (asked.has(field) ? blankToNull(values[INPUT_KEY[field]]) : undefined);
    if (asked.has("TITLE")) input.title = text("TITLE");
    if (asked.has("PURPOSE")) input.purpose = text("PURPOSE");
    if (asked.has("EXPECTATIONS")) input.expectations = text("EXPECTATIONS");
    if (asked.has("AUDIENCE")) input.audience = text("AUDIENCE");
    if (asked.has("COMPENSATION_OFFERED")) input.compensationOffered = text("COMPENSATION_OFFERED");
    if (asked.has("COST_CENTRE")) input.costCentre = blankToNull(values.costCentre ?? defaultCostCentre);
    if (asked.has("SELECTION_PROCESS")) input.selectionProcess = text("SELECTION_PROCESS");
    if (asked.has("SPECIAL_REQUIREMENTS")) input.specialRequirements = text("SPECIAL_REQUIREMENTS");
    if (asked.has("PREPARATION")) input.preparation = text("PREPARATION");
    if (asked.has("ASSIGNMENT_TYPE")) input.assignmentType = blankToNull(values.assignmentType);
    if (asked.has("AUDIENCE_SIZE")) input.audienceSize = numberOrNull(values.audienceSize);
    if (asked.has("NUMBER_OF_PERSONS")) input.numberOfPersons = numberOrNull(values.numberOfPersons);
    if (asked.has("ONE_OFF_OR_LONG")) input.oneOffOrLong = values.oneOffOrLong === "LONG_TERM" ? "LONG_TERM" : "ONE_OFF";
    if (asked.has("PERSPECTIVES_SOUGHT")) input.perspectivesSought = perspectives;
    // One competence per line, as the hint says; the API trims them and drops repeats.
    if (asked.has("COMPETENCES_SOUGHT"))
      input.competencesSought = (values.competencesSought ?? "").split("\n").filter((line) => line.trim());
    if (asked.has("EXPERIENCE_SOUGHT")) input.experienceSought = { text: blankToNull(values["experienceSought.text"]), tagKeys: [] };
    if (asked.has("CONTACT_PERSON"))
      input.contactPerson = {
        name: blankToNull(values["contactPerson.name"]),
        email: blankToNull(values["contactPerson.email"]),
        phone: blankToNull(values["contactPerson.phone"]),
      };
    if (asked.has("OCCASIONS"))
      input.occasions = occasions
        .filter((occasion) => occasion.startsAt || occasion.endsAt || occasion.place || occasion.digitalLink)
        .map((occasion) => ({
          startsAt: toIso(occasion.startsAt) ?? "",
          endsAt: toIso(occasion.endsAt) ?? "",
          place: blankToNull(occasion.place),
          digitalLink: blankToNull(occasion.digitalLink),
        }));
    const result = await submit({ input });
    const found = fieldErrorsOf(result.error);
    setErrors(found);
    const payload = result.data?.submitRequest;
    const businessError = payload?.errors[0];
    setPayloadError(
      businessError && "message" in businessError ? businessError.message : result.error && !found.length ? result.error.message : null,
    );
    if (payload?.request) navigate(`/requests/${payload.request.id}`, { state: { submitted: true } });
  };

  const summary = errors.map((error) => {
    const path = error.field.replace(/^input\./, "");
    return { message: error.message, ...(renderedPaths.has(path) ? { target: `f-${path}` } : {}) };
  });
  if (payloadError) summary.unshift({ message: payloadError });

  const renderField = (field: (typeof form.fields)[number]) => {
    const key = INPUT_KEY[field.field];
    const common = { id: `f-${key}`, label: field.label, hint: field.help, required: field.required, errors: errorsAt(key) };
    const textField = () => (
      <Field key={key} {...common}>
        {(control) =>
          LONG_TEXT.has(field.field) ? (
            <textarea {...control} rows={4} value={values[key] ?? ""} onChange={(e) => set(key)(e.target.value)} />
          ) : (
            <input {...control} type="text" value={values[key] ?? ""} onChange={(e) => set(key)(e.target.value)} />
          )
        }
      </Field>
    );
    switch (field.field) {
      case "ASSIGNMENT_TYPE":
        return (
          <Field key={key} {...common}>
            {(control) => (
              <select {...control} value={values[key] ?? ""} onChange={(e) => set(key)(e.target.value)}>
                <option value="" />
                {form.assignmentTypes.map((type) => (
                  <option key={type.key} value={type.key}>
                    {type.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        );
      case "COST_CENTRE":
        if (!costCentres.length) return textField();
        return (
          <Field key={key} {...common}>
            {(control) => (
              <select {...control} value={values[key] ?? defaultCostCentre} onChange={(e) => set(key)(e.target.value)}>
                <option value="" />
                {costCentres.map((centre) => (
                  <option key={centre.code} value={centre.code}>
                    {centre.code} – {centre.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        );
      case "NUMBER_OF_PERSONS":
      case "AUDIENCE_SIZE":
        return (
          <Field key={key} {...common}>
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={1}
                value={values[key] ?? ""}
                onChange={(e) => set(key)(e.target.value)}
              />
            )}
          </Field>
        );
      case "ONE_OFF_OR_LONG":
        return (
          <fieldset key={key} id={common.id} aria-describedby={errorsAt(key).length ? `${common.id}-error` : undefined}>
            <legend>{field.label}</legend>
            {errorsAt(key).length ? (
              <p className="error" id={`${common.id}-error`}>
                {errorsAt(key).map((e) => e.message)}
              </p>
            ) : null}
            {(["ONE_OFF", "LONG_TERM"] as const).map((length) => (
              <div className="choice" key={length}>
                <input
                  type="radio"
                  id={`f-length-${length}`}
                  name="oneOffOrLong"
                  value={length}
                  checked={values[key] === length}
                  onChange={() => set(key)(length)}
                />
                <label htmlFor={`f-length-${length}`}>{t(`length${length}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
        );
      case "PERSPECTIVES_SOUGHT":
        return (
          <fieldset key={key} id={common.id} aria-describedby={errorsAt(key).length ? `${common.id}-error` : undefined}>
            <legend>
              {field.label}
              {field.required ? " *" : ""}
            </legend>
            {errorsAt(key).length ? (
              <p className="error" id={`${common.id}-error`}>
                {errorsAt(key).map((e) => e.message)}
              </p>
            ) : null}
            {PERSPECTIVES.map((perspective) => (
              <div className="choice" key={perspective}>
                <input
                  type="checkbox"
                  id={`f-perspective-${perspective}`}
                  checked={perspectives.includes(perspective)}
                  onChange={(e) =>
                    setPerspectives((old) => (e.target.checked ? [...old, perspective] : old.filter((p) => p !== perspective)))
                  }
                />
                <label htmlFor={`f-perspective-${perspective}`}>{t(`perspective${perspective}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
        );
      case "COMPETENCES_SOUGHT":
        return (
          <Field
            key={key}
            {...common}
            hint={[field.help, t("onePerLine")].filter(Boolean).join(" ")}
            errors={errors.filter((error) => error.field.replace(/^input\./, "").startsWith(key))}
          >
            {(control) => <textarea {...control} rows={3} value={values[key] ?? ""} onChange={(e) => set(key)(e.target.value)} />}
          </Field>
        );
      case "EXPERIENCE_SOUGHT":
        return (
          <Field key={key} {...common} id="f-experienceSought.text" errors={[...errorsAt(key), ...errorsAt("experienceSought.text")]}>
            {(control) => (
              <textarea
                {...control}
                rows={3}
                value={values["experienceSought.text"] ?? ""}
                onChange={(e) => set("experienceSought.text")(e.target.value)}
              />
            )}
          </Field>
        );
      case "CONTACT_PERSON":
        return (
          <fieldset key={key} id={common.id}>
            <legend>
              {field.label}
              {field.required ? " *" : ""}
            </legend>
            {field.help ? <p className="hint">{field.help}</p> : null}
            {errorsAt(key).length ? <p className="error">{errorsAt(key).map((e) => e.message)}</p> : null}
            {(
              [
                ["name", "contactName", "text", "name"],
                ["email", "contactEmail", "email", "email"],
                ["phone", "contactPhone", "tel", "tel"],
              ] as const
            ).map(([part, label, type, autoComplete]) => (
              <Field key={part} id={`f-contactPerson.${part}`} label={t(label)} errors={errorsAt(`contactPerson.${part}`)}>
                {(control) => (
                  <input
                    {...control}
                    type={type}
                    autoComplete={autoComplete}
                    value={values[`contactPerson.${part}`] ?? ""}
                    onChange={(e) => set(`contactPerson.${part}`)(e.target.value)}
                  />
                )}
              </Field>
            ))}
          </fieldset>
        );
      case "OCCASIONS":
        return (
          <fieldset key={key} id={common.id}>
            <legend>
              {field.label}
              {field.required ? " *" : ""}
            </legend>
            {field.help ? <p className="hint">{field.help}</p> : null}
            {errorsAt(key).length ? <p className="error">{errorsAt(key).map((e) => e.message)}</p> : null}
            {occasions.map((occasion, index) => {
              const update = (part: keyof OccasionDraft) => (value: string) =>
                setOccasions((old) => old.map((o, i) => (i === index ? { ...o, [part]: value } : o)));
              const occasionNumber = index + 1;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: occasions have no identity before they are saved
                <div className="occasion" key={index}>
                  <h3>
                    {t("occasion")} {occasionNumber}
                  </h3>
                  {(
                    [
                      ["startsAt", "occasionStarts", "datetime-local"],
                      ["endsAt", "occasionEnds", "datetime-local"],
                      ["place", "occasionPlace", "text"],
                      ["digitalLink", "occasionLink", "url"],
                    ] as const
                  ).map(([part, label, type]) => (
                    <Field
                      key={part}
                      id={`f-occasions[${index}].${part}`}
                      label={`${t(label)} (${t("occasion").toLowerCase()} ${occasionNumber})`}
                      errors={errorsAt(`occasions[${index}].${part}`)}
                    >
                      {(control) => (
                        <input {...control} type={type} value={occasion[part]} onChange={(e) => update(part)(e.target.value)} />
                      )}
                    </Field>
                  ))}
                  {occasions.length > 1 ? (
                    <button type="button" className="secondary" onClick={() => setOccasions((old) => old.filter((_, i) => i !== index))}>
                      {t("removeOccasion")} {occasionNumber}
                    </button>
                  ) : null}
                </div>
              );
            })}
            <button
              type="button"
              className="secondary"
              onClick={() => setOccasions((old) => [...old, { startsAt: "", endsAt: "", place: "", digitalLink: "" }])}
            >
              {t("addOccasion")}
            </button>
          </fieldset>
        );
      default:
        return textField();
    }
  };

  return (
    <>
      <h1>{form.name || t("newRequestTitle")}</h1>
      <p>{t("requestFormIntro")}</p>
      <ErrorSummary errors={summary} title={t("errorSummary")} />
      <form onSubmit={onSubmit} noValidate>
        {networks.length > 1 ? (
          <Field id="f-networkId" label={t("networkLabel")} required>
            {(control) => (
              <select {...control} value={network.id} onChange={(e) => setNetworkId(e.target.value)}>
                {networks.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {form.fields.map(renderField)}
        <button type="submit" disabled={submission.fetching}>
          {t("submitRequest")}
        </button>{" "}
        <Link to="/requests">{t("cancel")}</Link>
      </form>
    </>
  );
}

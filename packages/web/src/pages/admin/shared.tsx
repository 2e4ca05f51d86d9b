import type { CombinedError } from "@urql/core";
import { type ReactNode, useMemo } from "react";
import { NavLink } from "react-router";
import { useQuery } from "urql";
import { ErrorSummary, Field, Status } from "../../components/field";
import { graphql } from "../../generated";
import { type FieldError, fieldErrorsOf } from "../../graphql/errors";
import { type MessageKey, useI18n } from "../../i18n";

// The administration pages' common parts: what a mutation's answer means for a form (field errors at their fields,
// a CONFLICT explained, a typed business error), labelled controls, enum labels from the API, the area's menu.

export interface Outcome {
  ok: boolean;
  fieldErrors: FieldError[];
  conflict: boolean;
  message: string | null;
}

export const NO_OUTCOME: Outcome = { ok: false, fieldErrors: [], conflict: false, message: null };

type PayloadError = { __typename?: string; message?: string };

/** Payload errors that are about one field (a name or key already taken): shown at that field like a field error. */
const PAYLOAD_ERROR_FIELDS: Record<string, string> = {
  SlugTaken: "slug",
  TenantSlugTaken: "slug",
  NameTaken: "name",
  IntakeRuleSetNameTaken: "name",
  RequestFormNameTaken: "name",
  KeyTaken: "key",
  AssignmentTypeKeyTaken: "key",
  CodeTaken: "code",
  IdentifierTaken: "identifier",
  IssuerAudienceTaken: "issuer",
};

/**
 * What a mutation's answer says: BAD_USER_INPUT's field errors, CONFLICT (someone saved in between), a payload error
 * (at its field when it is about one; `fields` names a form's own path where it differs).
 */
export function outcomeOf(
  error: CombinedError | undefined,
  payloadErrors: ReadonlyArray<PayloadError> | undefined,
  fields: Record<string, string> = {},
): Outcome {
  const fieldErrors = fieldErrorsOf(error);
  const conflict = error?.graphQLErrors.some((e) => e.extensions?.code === "CONFLICT") ?? false;
  const first = payloadErrors?.[0];
  const typename = first?.__typename ?? "";
  const field = fields[typename] ?? PAYLOAD_ERROR_FIELDS[typename];
  if (first && field) fieldErrors.push({ field, code: typename, message: first.message ?? typename });
  const business = first && !field ? (first.message ?? first.__typename ?? null) : null;
  const other = error && !fieldErrors.length && !conflict ? (error.graphQLErrors[0]?.message ?? error.message) : null;
  const message = business ?? other;
  return { ok: !error && !first, fieldErrors, conflict, message };
}

const pathOf = (field: string) => field.replace(/^input\./, "");
const idOf = (form: string, path: string) => `${form}-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;

/** The field errors of one form, by path (`name`, `feeScheduleVersion.categories[1].value`), and the ids they go to. */
export function formErrors(form: string, outcome: Outcome) {
  return {
    id: (path: string) => idOf(form, path),
    /** Errors at `path`; with `nested`, also those inside it (`options[0].key` for `options`). */
    at: (path: string, nested = false) =>
      outcome.fieldErrors.filter((e) => {
        const at = pathOf(e.field);
        return at === path || (nested && (at.startsWith(`${path}[`) || at.startsWith(`${path}.`)));
      }),
    summary: outcome.fieldErrors.map((e) => ({ message: e.message, target: idOf(form, pathOf(e.field)) })),
  };
}
export type FormErrors = ReturnType<typeof formErrors>;

/** The answer shown above a form: the error summary, the conflict explained, a business error, or "Saved". */
export function OutcomeMessages({ outcome, errors, savedText }: { outcome: Outcome; errors: FormErrors; savedText?: string }) {
  const { t } = useI18n();
  return (
    <>
      <ErrorSummary errors={errors.summary} title={t("errorSummary")} />
      {outcome.conflict ? <Status kind="error">{t("adminConflict")}</Status> : null}
      {outcome.message ? <Status kind="error">{outcome.message}</Status> : null}
      {outcome.ok ? <Status kind="success">{savedText ?? t("saved")}</Status> : null}
    </>
  );
}

export function TextField(props: {
  errors: FormErrors;
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  hint?: string;
  type?: "text" | "email" | "date" | "number" | "url";
  multiline?: boolean;
  autoComplete?: string;
  nested?: boolean;
}) {
  return (
    <Field
      id={props.errors.id(props.path)}
      label={props.label}
      hint={props.hint}
      required={props.required}
      errors={props.errors.at(props.path, props.nested)}
    >
      {(control) =>
        props.multiline ? (
          <textarea {...control} rows={4} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
        ) : (
          <input
            {...control}
            type={props.type ?? "text"}
            inputMode={props.type === "number" ? "decimal" : undefined}
            autoComplete={props.autoComplete ?? "off"}
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

export function SelectField(props: {
  errors: FormErrors;
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  required?: boolean;
  empty?: string;
}) {
  return (
    <Field id={props.errors.id(props.path)} label={props.label} required={props.required} errors={props.errors.at(props.path)}>
      {(control) => (
        <select {...control} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField(props: {
  errors: FormErrors;
  path: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = props.errors.id(props.path);
  const errors = props.errors.at(props.path);
  return (
    <div className={errors.length ? "field has-error" : "field"}>
      {errors.length ? (
        <p className="error" id={`${id}-error`}>
          {errors.map((e) => e.message).join(" ")}
        </p>
      ) : null}
      <div className="choice">
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          {...(errors.length ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {})}
        />
        <label htmlFor={id}>{props.label}</label>
      </div>
    </div>
  );
}

/** "" → null; a number field's text → an integer (or NaN, which the API names as the field's error). */
export const orNull = (text: string): string | null => (text.trim() ? text.trim() : null);
export const intOrNull = (text: string): number | null => (text.trim() ? Number(text.trim()) : null);

const VocabularyDocument = graphql(`
  query AdminVocabulary($enums: [String!]) {
    vocabulary(enums: $enums) { enum value labelSv labelEn }
  }
`);

/** The API's labels of enum values (Swedish and English), so the pages never spell an enum value themselves. */
export function useEnumLabels(enums: string[]): (enumName: string, value: string) => string {
  const { language } = useI18n();
  const key = enums.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the names are the key
  const variables = useMemo(() => ({ enums }), [key]);
  const [{ data }] = useQuery({ query: VocabularyDocument, variables });
  return (enumName, value) => {
    const entry = data?.vocabulary?.find((e) => e.enum === enumName && e.value === value);
    return entry ? (language === "sv" ? entry.labelSv : entry.labelEn) : value;
  };
}

export function enumOptions(labels: (e: string, v: string) => string, enumName: string, values: readonly string[]) {
  return values.map((value) => ({ value, label: labels(enumName, value) }));
}

export const ADMIN_PAGES: ReadonlyArray<{ path: string; label: MessageKey }> = [
  { path: "/admin/fee-schedules", label: "adminFeeSchedules" },
  { path: "/admin/intake-rules", label: "adminIntakeRules" },
  { path: "/admin/request-forms", label: "adminRequestForms" },
  { path: "/admin/registration-form", label: "adminRegistrationForm" },
  { path: "/admin/networks", label: "adminNetworks" },
  { path: "/admin/taxonomy", label: "adminTaxonomy" },
  { path: "/admin/organisations", label: "adminOrganisations" },
  { path: "/admin/units", label: "adminUnits" },
  { path: "/admin/staff", label: "adminStaff" },
  { path: "/admin/identity-providers", label: "adminIdentityProviders" },
];

/** One administration page: the area's menu, then the page's heading and content. */
export function AdminPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <nav aria-label={t("adminMenu")} className="admin-menu">
        <ul>
          {ADMIN_PAGES.map((page) => (
            <li key={page.path}>
              <NavLink to={page.path}>{t(page.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      {children}
    </>
  );
}

/** Said under a list that holds only its first page (the lists ask for 100). */
export function Truncated({ shown, total }: { shown: number; total: number | undefined }) {
  const { t } = useI18n();
  if (total === undefined || total <= shown) return null;
  return <p className="hint">{t("adminTruncated", { shown, total })}</p>;
}

export function QueryState({ error, loading }: { error?: CombinedError; loading: boolean }) {
  const { t } = useI18n();
  if (error) return <Status kind="error">{error.graphQLErrors[0]?.message ?? error.message}</Status>;
  if (loading) return <p>{t("loading")}</p>;
  return null;
}

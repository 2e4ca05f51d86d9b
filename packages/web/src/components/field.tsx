import { type ReactNode, useEffect, useId, useRef } from "react";
import type { FieldError } from "../graphql/errors";
import { useI18n } from "../i18n";

// A labelled control with its hint and its errors tied to it (aria-describedby, aria-invalid).
export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
  required?: boolean;
}

export function Field(props: {
  id?: string;
  label: string;
  hint?: string | null;
  required?: boolean;
  errors?: FieldError[];
  children: (control: ControlProps) => ReactNode;
}) {
  const { t } = useI18n();
  const generated = useId();
  const id = props.id ?? generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const errors = props.errors ?? [];
  const describedBy = [props.hint ? hintId : null, errors.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={errors.length ? "field has-error" : "field"}>
      <label htmlFor={id}>
        {props.label}
        {props.required ? (
          <span className="required">
            {" "}
            *<span className="visually-hidden"> ({t("required")})</span>
          </span>
        ) : null}
      </label>
      {props.hint ? (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {errors.length ? (
        <p className="error" id={errorId}>
          {errors.map((error) => error.message).join(" ")}
        </p>
      ) : null}
      {props.children({
        id,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(errors.length ? { "aria-invalid": true } : {}),
        ...(props.required ? { required: true } : {}),
      })}
    </div>
  );
}

/**
 * Errors that belong to no single control, and a summary that links to each field: focused when it appears or its
 * errors change — not on every render, or each key typed into a field would send the focus back to the summary.
 */
export function ErrorSummary({ errors, title }: { errors: Array<{ message: string; target?: string }>; title: string }) {
  const element = useRef<HTMLDivElement>(null);
  const shown = errors.map((error) => `${error.target ?? ""}\u0000${error.message}`).join("\n");
  useEffect(() => {
    if (shown) element.current?.focus();
  }, [shown]);
  if (!errors.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={element}>
      <h2>{title}</h2>
      <ul>
        {errors.map((error) => (
          <li key={`${error.target ?? ""}${error.message}`}>
            {error.target ? <a href={`#${error.target}`}>{error.message}</a> : error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a step came to: one sentence, and the reasons behind it when there are several (a refused move's rules). */
export type Report = { kind: "success" | "error" | "info"; text: string; details?: string[] } | null;

export function StatusReport({ report }: { report: Report }) {
  if (!report) return null;
  return (
    <div className={`status status-${report.kind}`} role={report.kind === "error" ? "alert" : "status"}>
      <p>{report.text}</p>
      {report.details?.length ? (
        <ul>
          {report.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Status({ children, kind = "info" }: { children: ReactNode; kind?: "info" | "success" | "error" }) {
  return (
    <p className={`status status-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </p>
  );
}

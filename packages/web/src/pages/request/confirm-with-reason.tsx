import { type FormEvent, useEffect, useRef, useState } from "react";
import { Field, Status } from "../../components/field";
import { errorsAt, type Failure } from "./outcome";

// A step that cannot be undone (cancelling a request or an occasion): a button opens a small form that asks why and
// asks to confirm. The reason stays as typed when the API refuses it; keeping the request closes the form and gives
// the focus back to the button that opened it.

export function ConfirmWithReason(props: {
  id: string;
  /** The button that opens the step. */
  startLabel: string;
  /** Its accessible name when the visible label alone is ambiguous (several occasions). */
  startAccessibleName?: string;
  /** The opening button's look: `danger` for the whole request, `secondary` where it sits beside everyday steps. */
  startKind?: "danger" | "secondary";
  question: string;
  reasonLabel: string;
  reasonHint: string;
  confirmLabel: string;
  keepLabel: string;
  /** Runs the mutation; answers what went wrong, or null when it was done. */
  onConfirm(reason: string): Promise<Failure | null>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement | null>(null);
  const startRef = useRef<HTMLButtonElement | null>(null);
  const [returnFocus, setReturnFocus] = useState(false);

  useEffect(() => {
    if (open) reasonRef.current?.focus();
  }, [open]);
  useEffect(() => {
    if (!open && returnFocus) {
      startRef.current?.focus();
      setReturnFocus(false);
    }
  }, [open, returnFocus]);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const found = await props.onConfirm(reason);
    setBusy(false);
    setFailure(found);
    if (!found) {
      setReason("");
      setOpen(false);
    } else if (errorsAt(found, "reason").length) reasonRef.current?.focus();
  };

  if (!open) {
    return (
      <p>
        <button
          type="button"
          className={props.startKind ?? "danger"}
          ref={startRef}
          aria-label={props.startAccessibleName}
          aria-expanded={false}
          aria-controls={`${props.id}-form`}
          onClick={() => {
            setFailure(null);
            setOpen(true);
          }}
        >
          {props.startLabel}
        </button>
      </p>
    );
  }
  return (
    <form id={`${props.id}-form`} onSubmit={confirm} noValidate aria-labelledby={`${props.id}-question`}>
      <p id={`${props.id}-question`}>
        <strong>{props.question}</strong>
      </p>
      {failure?.message ? <Status kind="error">{failure.message}</Status> : null}
      <Field id={`${props.id}-reason`} label={props.reasonLabel} hint={props.reasonHint} required errors={errorsAt(failure, "reason")}>
        {(control) => <textarea {...control} ref={reasonRef} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      <button type="submit" className="danger" disabled={busy}>
        {props.confirmLabel}
      </button>{" "}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          setOpen(false);
          setFailure(null);
          setReturnFocus(true);
        }}
      >
        {props.keepLabel}
      </button>
    </form>
  );
}

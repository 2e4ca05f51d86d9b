import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { DownloadButton } from "../components/download";
import { Field, Status } from "../components/field";
import { graphql } from "../generated";
import { formatMoney, useI18n } from "../i18n";

const CreatePayrollExportDocument = graphql(`
  mutation CreatePayrollExport($input: CreatePayrollExportInput!) {
    createPayrollExport(input: $input) {
      payrollExport { id claimCount csv gross { amountOre currency } periodFrom periodTo }
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const today = () => new Date().toISOString().slice(0, 10);

export function PayrollPage() {
  const { t, language } = useI18n();
  const [periodFrom, setFrom] = useState(() => {
    const date = new Date();
    date.setMonth(date.getMonth() - 1);
    return `${date.toISOString().slice(0, 7)}-01`;
  });
  const [periodTo, setTo] = useState(today);
  const [state, create] = useMutation(CreatePayrollExportDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const payroll = state.data?.createPayrollExport.payrollExport;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ input: { periodFrom, periodTo } });
    const error = result.data?.createPayrollExport.errors[0];
    setFailure(result.error?.message ?? (error ? ("message" in error && error.message) || error.__typename : null));
  };
  return (
    <>
      <h1>{t("payrollTitle")}</h1>
      <form onSubmit={submit}>
        <Field id="period-from" label={t("periodFrom")} required>
          {(control) => (
            <input {...control} type="date" value={periodFrom} max={periodTo || undefined} onChange={(e) => setFrom(e.target.value)} />
          )}
        </Field>
        <Field id="period-to" label={t("periodTo")} required>
          {(control) => <input {...control} type="date" value={periodTo} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <button type="submit" disabled={state.fetching}>
          {t("createExport")}
        </button>
      </form>
      {failure ? <Status kind="error">{failure}</Status> : null}
      {payroll ? (
        <>
          <Status kind="success">{t("exportCreated", { count: payroll.claimCount })}</Status>
          <p>
            {t("gross")}: {formatMoney(payroll.gross.amountOre, payroll.gross.currency, language)}{" "}
            <a
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(payroll.csv)}`}
              download={`loneunderlag-${payroll.periodFrom}-${payroll.periodTo}.csv`}
            >
              {t("downloadCsv")}
            </a>{" "}
            <DownloadButton
              kind="PAYROLL_SUMMARY"
              subjectId={payroll.id}
              label={t("downloadPayrollSummary")}
              name={`${payroll.periodFrom} – ${payroll.periodTo}`}
            />{" "}
            <DownloadButton
              kind="PAYROLL_PAXML"
              subjectId={payroll.id}
              label={t("downloadPaxml")}
              name={`${payroll.periodFrom} – ${payroll.periodTo}`}
            />
          </p>
        </>
      ) : null}
    </>
  );
}

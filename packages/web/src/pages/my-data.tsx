import { type FormEvent, useState } from "react";
import { useClient, useMutation, useQuery } from "urql";
import { setSession } from "../auth/session";
import { Field, Status } from "../components/field";
import { ScrollableTable } from "../components/scrollable-table";
import { graphql } from "../generated";
import { formatDate, useI18n } from "../i18n";

const AccessLogDocument = graphql(`
  query MyDataAccessLog {
    myDataAccessLog(first: 50) {
      nodes { id at action actorType roles unitName purpose }
    }
  }
`);

const ExportMyDataDocument = graphql(`
  query ExportMyData {
    exportMyData { generatedAt format data }
  }
`);

const RestrictDocument = graphql(`
  mutation RestrictProcessing($input: RestrictProcessingInput!) {
    restrictProcessing(input: $input) {
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

const EraseDocument = graphql(`
  mutation EraseMe($input: EraseMemberInput!) {
    eraseMember(input: $input) {
      errors { __typename ... on ErrorResult { message } }
    }
  }
`);

export function MyDataPage() {
  const { t, language } = useI18n();
  const client = useClient();
  const [{ data, error }] = useQuery({ query: AccessLogDocument, requestPolicy: "network-only" });
  const [, restrict] = useMutation(RestrictDocument);
  const [, erase] = useMutation(EraseDocument);
  const [note, setNote] = useState("");
  const [confirm, setConfirm] = useState(false);
  const [status, setStatus] = useState<{ kind: "success" | "error"; text: string } | null>(null);

  const download = async () => {
    const result = await client.query(ExportMyDataDocument, {}, { requestPolicy: "network-only" }).toPromise();
    if (!result.data?.exportMyData) {
      setStatus({ kind: "error", text: result.error?.message ?? t("errorGeneric") });
      return;
    }
    const blob = new Blob([JSON.stringify(result.data.exportMyData.data, null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "medverkan-mina-uppgifter.json";
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const onRestrict = async (event: FormEvent) => {
    event.preventDefault();
    const result = await restrict({ input: { note: note.trim() || null } });
    const failure = result.error?.message ?? result.data?.restrictProcessing.errors[0]?.__typename ?? null;
    setStatus(failure ? { kind: "error", text: failure } : { kind: "success", text: t("restricted") });
  };
  const onErase = async (event: FormEvent) => {
    event.preventDefault();
    if (!confirm) return;
    const result = await erase({ input: { confirm: true } });
    const failure = result.error?.message ?? result.data?.eraseMember.errors[0]?.__typename ?? null;
    setStatus(failure ? { kind: "error", text: failure } : { kind: "success", text: t("erased") });
    if (!failure) setSession(null);
  };

  return (
    <>
      <h1>{t("myDataTitle")}</h1>
      {status ? <Status kind={status.kind}>{status.text}</Status> : null}
      <p>
        <button type="button" onClick={download}>
          {t("exportData")}
        </button>
      </p>
      <section aria-labelledby="access-heading">
        <h2 id="access-heading">{t("accessLog")}</h2>
        {error ? <p role="alert">{error.message}</p> : null}
        {data?.myDataAccessLog ? (
          data.myDataAccessLog.nodes.length ? (
            <ScrollableTable
              label={t("accessLog")}
              head={
                <>
                  <th scope="col">{t("accessAt")}</th>
                  <th scope="col">{t("accessWho")}</th>
                  <th scope="col">{t("accessPurpose")}</th>
                </>
              }
            >
              {data.myDataAccessLog.nodes.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDate(entry.at, language, true)}</td>
                  <td>{[entry.roles.join(", "), entry.unitName].filter(Boolean).join(" · ") || entry.actorType}</td>
                  <td>{entry.purpose ?? entry.action}</td>
                </tr>
              ))}
            </ScrollableTable>
          ) : (
            <p>{t("none")}</p>
          )
        ) : null}
      </section>
      <section aria-labelledby="restrict-heading">
        <h2 id="restrict-heading">{t("restrict")}</h2>
        <form onSubmit={onRestrict}>
          <Field id="restrict-note" label={t("restrictReason")}>
            {(control) => <textarea {...control} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <button type="submit">{t("restrict")}</button>
        </form>
      </section>
      <section aria-labelledby="erase-heading">
        <h2 id="erase-heading">{t("erase")}</h2>
        <form onSubmit={onErase}>
          <div className="choice">
            <input type="checkbox" id="erase-confirm" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
            <label htmlFor="erase-confirm">{t("eraseConfirm")}</label>
          </div>
          <button type="submit" className="danger" disabled={!confirm}>
            {t("erase")}
          </button>
        </form>
      </section>
    </>
  );
}

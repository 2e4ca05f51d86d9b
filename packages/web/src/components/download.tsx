import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../generated";
import type { DocumentKind } from "../generated/graphql";
import { Status } from "./field";

// A document as a file (issue 17): asks the API for a short-lived link to this one document and opens it; the API
// answers with an attachment, so the page stays where it is.

const CreateDownloadLinkDocument = graphql(`
  mutation CreateDownloadLink($input: CreateDownloadLinkInput!) {
    createDownloadLink(input: $input) {
      link { path fileName }
      errors { message }
    }
  }
`);

export function DownloadButton({ kind, subjectId, label, name }: { kind: DocumentKind; subjectId: string; label: string; name: string }) {
  const [state, create] = useMutation(CreateDownloadLinkDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const open = async () => {
    const result = await create({ input: { kind, subjectId } });
    const link = result.data?.createDownloadLink.link;
    if (link) {
      setFailure(null);
      window.location.assign(link.path);
    } else setFailure(result.error?.message ?? result.data?.createDownloadLink.errors[0]?.message ?? null);
  };
  return (
    <>
      <button type="button" className="secondary" onClick={open} disabled={state.fetching} aria-label={`${label}: ${name}`}>
        {label}
      </button>
      {failure ? <Status kind="error">{failure}</Status> : null}
    </>
  );
}

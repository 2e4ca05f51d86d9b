import type { RequestPageQuery } from "../../generated/graphql";

/** One request as the request page reads it (the RequestPage query of pages/request.tsx). */
export type RequestView = NonNullable<RequestPageQuery["request"]>;

import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { createDownloadLink } from "./document.service.js";
import { CreateDownloadLinkInput, CreateDownloadLinkPayload } from "./document.type.js";

@Resolver()
export class DocumentResolver {
  @Mutation(() => CreateDownloadLinkPayload, {
    description:
      "Members and staff: a link to download one document you may read (a fee form, an agreement, a payroll summary or CSV, a " +
      "calendar file) — short-lived, for that document only.",
  })
  createDownloadLink(
    @Arg("input", () => CreateDownloadLinkInput) input: CreateDownloadLinkInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateDownloadLinkPayload> {
    return createDownloadLink(ctx, input);
  }
}

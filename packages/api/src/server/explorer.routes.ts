import type { NextFunction, Request, Response } from "express";
import { Router } from "express";
import { type RuruClientConfig, ruruHTML } from "ruru/server";
import { serveStatic } from "ruru/static";

const STATIC_PATH = "/explorer-assets/";

export type ExplorerTokenMinter = (query: {
  tenant?: string;
  role?: string;
  network?: string;
  subject?: string;
  newCitizen?: boolean;
}) => Promise<string | null>;

const WELCOME_QUERY = `# Medverkan GraphQL explorer (development mode).
#
# Get a token for a seeded user and set it in the Headers tab:
#   pnpm token --tenant kalmar --role coordinator
# or open this page as /graphql?tenant=kalmar&role=coordinator to have it set for you
# (/graphql?tenant=kalmar&newCitizen=1: a citizen who is not a member yet; &subject=…: any subject).

query Me {
  me {
    kind
    name
    tenant { slug name }
    roles { role network { name } }
  }
}

query PublicTenant {
  tenant(slug: "kalmar") {
    name
    networks(first: 10) { nodes { id name careDomain contactEmail } }
    currentConsentText(kind: PROCESSING) { version text }
  }
}
`;

/**
 * The in-browser explorer (Ruru, a GraphiQL distribution) with its assets served from the npm package, so it works
 * offline and loads nothing from a CDN. Development only.
 */
export function explorerRoutes(mintToken: ExplorerTokenMinter): Router {
  const router = Router();
  // Not mounted under the path: Ruru's middleware matches (and strips) the prefix itself.
  router.use(serveStatic(STATIC_PATH) as never);
  router.get("/graphql", async (req: Request, res: Response, next: NextFunction) => {
    if (!req.accepts("text/html") || req.query.query) {
      next();
      return;
    }
    try {
      const token = await mintToken({
        tenant: stringParam(req.query.tenant),
        role: stringParam(req.query.role),
        network: stringParam(req.query.network),
        subject: stringParam(req.query.subject),
        newCitizen: stringParam(req.query.newCitizen) === "true" || stringParam(req.query.newCitizen) === "1",
      });
      const html = ruruHTML({
        endpoint: "/graphql",
        staticPath: STATIC_PATH,
        // Ruru's type marks every client option as required; it reads only those given.
        clientConfig: {
          defaultQuery: WELCOME_QUERY,
          ...(token ? { initialHeaders: JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) } : {}),
        } as RuruClientConfig,
      });
      res.type("html").send(html);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

const stringParam = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

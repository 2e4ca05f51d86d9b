import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { DEMO_ROLES, DemoUserNotFound, mintDemoToken } from "../dev/demo-tokens.js";
import { loadOrCreateDevSigningKey } from "../dev/dev-keys.js";

// npm run --silent token -- --tenant kalmar --role coordinator [--network intressebanken] [--expires 8h]
// npm run --silent token -- --tenant kalmar --subject kalmar-member-2 | --new-citizen | --personal-identity-number 19850312-9820
const { values } = parseArgs({
  options: {
    tenant: { type: "string", default: "jonkoping" },
    role: { type: "string", default: "coordinator" },
    network: { type: "string" },
    expires: { type: "string", default: "8h" },
    subject: { type: "string" },
    "new-citizen": { type: "boolean", default: false },
    "personal-identity-number": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(`Mints a development token for a seeded user.
  --tenant   jonkoping | vgr | kalmar | ostergotland   (default jonkoping)
  --role     ${DEMO_ROLES.join(" | ")}   (default coordinator)
  --network  a network slug, for coordinators of one network
  --expires  e.g. 8h, 30m (default 8h)
  --subject  any subject at the tenant's development issuer (a person not linked to anyone signs in as a citizen)
  --new-citizen  a fresh citizen who is not a member yet (generated subject and personnummer claim)
  --personal-identity-number YYYYMMDD-NNNN  a citizen whose e-identification says this personnummer (the same
             subject for the same number); a member with it recorded is linked on the first request`);
  process.exit(0);
}

const config = loadConfig();
if (config.production) {
  console.error("Development tokens are not available in production.");
  process.exit(1);
}
try {
  const key = await loadOrCreateDevSigningKey(config.devKeyFile);
  const { token } = await mintDemoToken(key, {
    tenant: values.tenant,
    role: values.role,
    network: values.network,
    expiresIn: values.expires,
    subject: values.subject,
    newCitizen: values["new-citizen"],
    personalIdentityNumber: values["personal-identity-number"],
  });
  console.log(token);
} catch (error) {
  if (error instanceof DemoUserNotFound) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

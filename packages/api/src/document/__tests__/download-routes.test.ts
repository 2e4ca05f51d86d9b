import { describe, expect, it } from "vitest";
import { redactDownloadSecret } from "../download.routes.js";

describe("download links in logs", () => {
  it("never log a link's secret", () => {
    const secret = "Qm9vb29vb29vb29vb29vb29vb29vb29vb29vb29vb28";
    const path = `/downloads/0193e4b2-aaaa-7bbb-8ccc-123456789abc/fee-claim-form/0193e4b2-aaaa-7bbb-8ccc-123456789abd/${secret}`;
    expect(redactDownloadSecret(path)).toBe(
      "/downloads/0193e4b2-aaaa-7bbb-8ccc-123456789abc/fee-claim-form/0193e4b2-aaaa-7bbb-8ccc-123456789abd/[redacted]",
    );
    expect(redactDownloadSecret(`${path}?x=1`)).not.toContain(secret);
    expect(redactDownloadSecret("/graphql?query=x")).toBe("/graphql?query=x");
  });
});

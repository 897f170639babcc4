import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { DOMAIN_ERROR_CODES, httpStatusOf } from "@/server/errors";

describe("httpStatusOf", () => {
  it("gives a route handler the status a tRPC procedure answers for the same error", () => {
    for (const code of DOMAIN_ERROR_CODES) {
      expect(httpStatusOf(code), code).toBe(getHTTPStatusCodeFromError(new TRPCError({ code })));
    }
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZAddMemberInput, ZJoinAuthorityInput } from "@/server/api/routers/organisation.schema";
import { ZCreateProjectInput, ZPublicProjectsInput } from "@/server/api/routers/project.schema";
import { ZSearchTerritoriesInput } from "@/server/api/routers/territory.schema";

const validProject = {
  title: "Tiers-lieu de la gare",
  summary: "",
  contactHolderId: "5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0a01",
  communeId: "commune-26113",
};

describe("mutation inputs", () => {
  it("accept a well-formed project and trim its text", () => {
    const parsed = ZCreateProjectInput.parse({ ...validProject, title: "  Épicerie  " });
    expect(parsed.title).toBe("Épicerie");
  });

  it("refuse keys they do not know, so nobody slips in a role or a stage", () => {
    expect(ZCreateProjectInput.safeParse({ ...validProject, stage: "coportage" }).success).toBe(false);
    expect(
      ZAddMemberInput.safeParse({
        organisationId: validProject.contactHolderId,
        email: "a@b.fr",
        role: "member",
        isAdmin: true,
      }).success,
    ).toBe(false);
  });

  it("name the field that is wrong, in French", () => {
    const result = ZCreateProjectInput.safeParse({ ...validProject, title: "" });
    expect(result.success).toBe(false);
    if (result.success) return;
    const fields = z.flattenError(result.error).fieldErrors;
    expect(Object.keys(fields)).toEqual(["title"]);
    expect(fields.title?.[0]).toBe("Indiquez l'intitulé.");
  });

  it("accept only territory ids of the four kinds, Corsica included", () => {
    expect(ZJoinAuthorityInput.safeParse({ territoryId: "commune-2A004", office: "maire" }).success).toBe(true);
    expect(ZJoinAuthorityInput.safeParse({ territoryId: "epci-242600534", office: "president" }).success).toBe(true);
    expect(ZJoinAuthorityInput.safeParse({ territoryId: "canton-2601", office: "maire" }).success).toBe(false);
    expect(ZJoinAuthorityInput.safeParse({ territoryId: "commune-26113", office: "roi" }).success).toBe(false);
  });

  it("bound a search query", () => {
    expect(ZSearchTerritoriesInput.safeParse({ query: "   " }).success).toBe(false);
    expect(ZSearchTerritoriesInput.safeParse({ query: "x".repeat(101) }).success).toBe(false);
    expect(ZSearchTerritoriesInput.safeParse({ query: "die", limit: 1000 }).success).toBe(false);
  });
});

describe("the public directory's search", () => {
  it("takes a département by its code, Corsica and overseas included, and nothing else", () => {
    for (const code of ["26", "2A", "2B", "974"]) expect(ZPublicProjectsInput.safeParse({ departementCode: code }).success, code).toBe(true);
    for (const code of ["2", "260", "2C", "26 ", "departement-26"]) expect(ZPublicProjectsInput.safeParse({ departementCode: code }).success, code).toBe(false);
    expect(ZPublicProjectsInput.safeParse({ query: "x".repeat(121) }).success).toBe(false);
    expect(ZPublicProjectsInput.safeParse({ stage: "collaboration", page: 2 }).success).toBe(true);
    expect(ZPublicProjectsInput.safeParse({ page: 0 }).success).toBe(false);
  });
});

-- Nobody is an authority's admin before being verified: the first person to join used to be made
-- its admin at once. They become members; the first of an authority to be verified becomes admin.
UPDATE "membership" SET "role" = 'member'
WHERE "role" = 'admin' AND "verified_at" IS NULL
  AND "organisation_id" IN (SELECT "id" FROM "organisation" WHERE "kind" = 'authority');

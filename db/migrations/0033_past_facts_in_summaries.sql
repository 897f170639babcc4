-- A relationship's past facts (« il n'y a pas eu de lien dès le début ») leave its readings' means
-- once the sides have worked together: the summaries read the same rule as readingOf(), and are
-- refreshed when a milestone's link, kind, status or visibility changes.
CREATE OR REPLACE FUNCTION refresh_relationship_summaries(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM relationship_summary WHERE relationship_id IN (SELECT unnest(ids));
  WITH sets AS (
    SELECT b.relationship_id, b.side, b.respondent_id, b.answered_at, b.answers
    FROM barometer_answer_set b WHERE b.relationship_id IN (SELECT unnest(ids))),
  reference AS (
    SELECT relationship_id, greatest(now(), max(answered_at)) AS at, max(answered_at) AS latest FROM sets GROUP BY relationship_id),
  latest AS (
    SELECT DISTINCT ON (s.relationship_id, s.side, s.respondent_id) s.relationship_id, s.side, s.answered_at, s.answers,
      s.answered_at >= ref.at - interval '8760 hours' AS included
    FROM sets s JOIN reference ref ON ref.relationship_id = s.relationship_id
    ORDER BY s.relationship_id, s.side, s.respondent_id, s.answered_at DESC),
  validity AS (
    SELECT relationship_id,
      max(answered_at + interval '8760 hours') FILTER (WHERE NOT included) AS excluded_until,
      min(answered_at + interval '8760 hours') FILTER (WHERE included) AS included_until
    FROM latest GROUP BY relationship_id),
  indicators AS (
    SELECT relationship_id, side,
      avg((answers->>'misunderstanding')::float8) AS misunderstanding,
      avg((answers->>'noEarlyLink')::float8) AS no_early_link,
      avg((answers->>'holdersDistrust')::float8) AS holders_distrust,
      avg((answers->>'officialsDistrust')::float8) AS officials_distrust,
      avg((answers->>'curiosity')::float8) AS curiosity,
      avg((answers->>'informationNetwork')::float8) AS information_network,
      avg((answers->>'constraints')::float8) AS constraints,
      avg((answers->>'complementary')::float8) AS complementary,
      avg((answers->>'trust')::float8) AS trust,
      avg((answers->>'skills')::float8) AS skills
    FROM latest WHERE included GROUP BY relationship_id, side),
  -- Where the sides have worked together (settlesPastFacts in server/domain/milestones.ts), the past
  -- facts (PAST_FACTS: no early link) leave the stage means.
  settled AS (
    SELECT DISTINCT mr.relationship_id FROM milestone_relationship mr JOIN milestone m ON m.id = mr.milestone_id
    WHERE mr.relationship_id IN (SELECT unnest(ids)) AND mr.confirmation = 'confirmed' AND m.status = 'done' AND m.hidden_at IS NULL
      AND m.kind IN ('joint_event', 'agreement_signed', 'first_seed_action', 'land_made_available', 'funding_granted', 'authority_joins_scic')),
  counted AS (
    SELECT i.relationship_id, i.side, i.misunderstanding, CASE WHEN s.relationship_id IS NULL THEN i.no_early_link END AS no_early_link,
      i.holders_distrust, i.officials_distrust, i.curiosity, i.information_network, i.constraints, i.complementary, i.trust, i.skills
    FROM indicators i LEFT JOIN settled s ON s.relationship_id = i.relationship_id),
  stages AS (
    SELECT relationship_id, side,
      (coalesce(misunderstanding, 0) + coalesce(no_early_link, 0) + coalesce(holders_distrust, 0) + coalesce(officials_distrust, 0))
        / nullif((misunderstanding IS NOT NULL)::int + (no_early_link IS NOT NULL)::int + (holders_distrust IS NOT NULL)::int
          + (officials_distrust IS NOT NULL)::int, 0) AS defiance,
      (coalesce(curiosity, 0) + coalesce(information_network, 0))
        / nullif((curiosity IS NOT NULL)::int + (information_network IS NOT NULL)::int, 0) AS observation,
      (coalesce(constraints, 0) + coalesce(complementary, 0))
        / nullif((constraints IS NOT NULL)::int + (complementary IS NOT NULL)::int, 0) AS collaboration,
      (coalesce(trust, 0) + coalesce(skills, 0)) / nullif((trust IS NOT NULL)::int + (skills IS NOT NULL)::int, 0) AS coportage
    FROM counted),
  gaps AS (
    SELECT ref.relationship_id,
      abs(c.defiance - a.defiance) AS defiance, abs(c.observation - a.observation) AS observation,
      abs(c.collaboration - a.collaboration) AS collaboration, abs(c.coportage - a.coportage) AS coportage,
      greatest(abs(c.defiance - a.defiance), abs(c.observation - a.observation), abs(c.collaboration - a.collaboration),
        abs(c.coportage - a.coportage)) AS widest
    FROM reference ref
    LEFT JOIN stages c ON c.relationship_id = ref.relationship_id AND c.side = 'collective'
    LEFT JOIN stages a ON a.relationship_id = ref.relationship_id AND a.side = 'authority'),
  activity AS (
    SELECT relationship_id, max(coalesce(decided_at, proposed_at)) AS at
    FROM stage_change WHERE relationship_id IN (SELECT unnest(ids)) GROUP BY relationship_id)
  INSERT INTO relationship_summary (relationship_id, project_id, stage_activity_at, widest_stage, widest_gap, reading_from, reading_until)
  SELECT r.id, r.project_id, activity.at,
    CASE WHEN g.widest IS NULL THEN NULL
      WHEN g.defiance = g.widest THEN 'defiance'::stage WHEN g.observation = g.widest THEN 'observation'::stage
      WHEN g.collaboration = g.widest THEN 'collaboration'::stage ELSE 'coportage'::stage END,
    g.widest,
    coalesce(greatest(ref.latest, v.excluded_until + interval '1 microsecond'), '-infinity'),
    coalesce(v.included_until, 'infinity')
  FROM relationship r
  LEFT JOIN activity ON activity.relationship_id = r.id
  LEFT JOIN reference ref ON ref.relationship_id = r.id
  LEFT JOIN validity v ON v.relationship_id = r.id
  LEFT JOIN gaps g ON g.relationship_id = r.id
  WHERE r.id IN (SELECT unnest(ids)) AND (activity.at IS NOT NULL OR ref.relationship_id IS NOT NULL);
$$;
--> statement-breakpoint
DROP TRIGGER milestone_link_moves_insert ON milestone_relationship;
--> statement-breakpoint
DROP TRIGGER milestone_link_moves_delete ON milestone_relationship;
--> statement-breakpoint
CREATE TRIGGER milestone_link_moves_insert AFTER INSERT ON milestone_relationship
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('moves', 'summaries');
--> statement-breakpoint
CREATE TRIGGER milestone_link_moves_delete AFTER DELETE ON milestone_relationship
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('moves', 'summaries');
--> statement-breakpoint
CREATE TRIGGER milestone_link_summaries_update AFTER UPDATE ON milestone_relationship
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('summaries');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION milestone_refresh_moves() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
DECLARE settling uuid[];
BEGIN
  SELECT array_agg(DISTINCT mr.relationship_id) INTO ids
  FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN milestone_relationship mr ON mr.milestone_id = n.id
  WHERE n.occurs_on IS DISTINCT FROM o.occurs_on OR n.status IS DISTINCT FROM o.status OR n.hidden_at IS DISTINCT FROM o.hidden_at;
  IF ids IS NOT NULL THEN
    PERFORM refresh_stage_moves(ids);
  END IF;
  SELECT array_agg(DISTINCT mr.relationship_id) INTO settling
  FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN milestone_relationship mr ON mr.milestone_id = n.id
  WHERE n.kind IS DISTINCT FROM o.kind OR n.status IS DISTINCT FROM o.status OR n.hidden_at IS DISTINCT FROM o.hidden_at;
  IF settling IS NOT NULL THEN
    PERFORM refresh_relationship_summaries(settling);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
SELECT refresh_relationship_summaries(ARRAY(SELECT id FROM relationship));

-- Triggers keep stage_move and relationship_summary (db/schema/summaries.ts) in step with what they
-- summarise, whoever writes: each statement refreshes, set-wise, the relationships it touched.

-- The confirmed stage changes of some relationships, with the previous and next confirmed change
-- and, for a step forward, the levers of the milestones since the previous one (the dashboard's
-- "levers before a step forward": milestones linked to the relationship, neither cancelled nor
-- hidden, after the day of the previous confirmed change, up to the day of this one, in Paris).
-- Two changes decided at the same instant are ordered by id, so that every refresh agrees.
CREATE OR REPLACE FUNCTION refresh_stage_moves(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM stage_move WHERE relationship_id IN (SELECT unnest(ids));
  INSERT INTO stage_move (stage_change_id, relationship_id, project_id, from_stage, to_stage, decided_at, previous_at, next_at, levers)
  SELECT mv.id, mv.relationship_id, r.project_id, mv.from_stage, mv.to_stage, mv.decided_at, mv.previous_at, mv.next_at,
    CASE WHEN mv.from_stage IS NOT NULL AND mv.to_stage > mv.from_stage THEN ARRAY(
      SELECT DISTINCT ml.lever_id FROM milestone_relationship mr
      JOIN milestone m ON m.id = mr.milestone_id AND m.status <> 'cancelled' AND m.hidden_at IS NULL
      JOIN milestone_lever ml ON ml.milestone_id = m.id
      WHERE mr.relationship_id = mv.relationship_id
        AND m.occurs_on <= (mv.decided_at AT TIME ZONE 'Europe/Paris')::date
        AND (mv.previous_at IS NULL OR m.occurs_on > (mv.previous_at AT TIME ZONE 'Europe/Paris')::date)
      ORDER BY 1) ELSE '{}'::text[] END
  FROM (
    SELECT sc.id, sc.relationship_id, sc.from_stage, sc.to_stage, sc.decided_at,
      lag(sc.decided_at) OVER w AS previous_at, lead(sc.decided_at) OVER w AS next_at
    FROM stage_change sc
    WHERE sc.relationship_id IN (SELECT unnest(ids)) AND sc.status = 'confirmed' AND sc.decided_at IS NOT NULL
    WINDOW w AS (PARTITION BY sc.relationship_id ORDER BY sc.decided_at, sc.id)) mv
  JOIN relationship r ON r.id = mv.relationship_id;
$$;
--> statement-breakpoint
-- Per relationship: its latest stage activity, and the widest gap between its two sides' barometer
-- readings, computed exactly as readingOf() and divergence() in server/domain/gradient.ts do (the
-- latest answer set of each respondent within 8,760 hours; per indicator the mean of its scores;
-- per stage the mean of its indicators' means, added in the gradient's order; a unit test compares
-- both on random answers). The reading is taken at the later of now and the latest answer, and
-- holds from then until the first included answer turns twelve months old.
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
    FROM indicators),
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
-- Rows that name their relationship (stage changes, answer sets, links): the relationships the
-- statement touched get what the trigger's arguments name refreshed ('moves', 'summaries').
CREATE OR REPLACE FUNCTION relationship_rows_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT relationship_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT relationship_id) INTO ids FROM new_rows;
  END IF;
  IF ids IS NOT NULL AND 'moves' = ANY(TG_ARGV) THEN
    PERFORM refresh_stage_moves(ids);
  END IF;
  IF ids IS NOT NULL AND 'summaries' = ANY(TG_ARGV) THEN
    PERFORM refresh_relationship_summaries(ids);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stage_change_summaries_insert AFTER INSERT ON stage_change
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('moves', 'summaries');
--> statement-breakpoint
CREATE TRIGGER stage_change_summaries_update AFTER UPDATE ON stage_change
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('moves', 'summaries');
--> statement-breakpoint
CREATE TRIGGER stage_change_summaries_delete AFTER DELETE ON stage_change
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('moves', 'summaries');
--> statement-breakpoint
CREATE TRIGGER barometer_summaries_insert AFTER INSERT ON barometer_answer_set
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('summaries');
--> statement-breakpoint
CREATE TRIGGER barometer_summaries_update AFTER UPDATE ON barometer_answer_set
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('summaries');
--> statement-breakpoint
CREATE TRIGGER barometer_summaries_delete AFTER DELETE ON barometer_answer_set
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('summaries');
--> statement-breakpoint
CREATE TRIGGER milestone_link_moves_insert AFTER INSERT ON milestone_relationship
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('moves');
--> statement-breakpoint
CREATE TRIGGER milestone_link_moves_delete AFTER DELETE ON milestone_relationship
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION relationship_rows_refresh('moves');
--> statement-breakpoint
-- Levers: the moves of the relationships their milestone is linked to.
CREATE OR REPLACE FUNCTION milestone_lever_refresh_moves() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT mr.relationship_id) INTO ids FROM old_rows JOIN milestone_relationship mr ON mr.milestone_id = old_rows.milestone_id;
  ELSE
    SELECT array_agg(DISTINCT mr.relationship_id) INTO ids FROM new_rows JOIN milestone_relationship mr ON mr.milestone_id = new_rows.milestone_id;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM refresh_stage_moves(ids);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER milestone_lever_moves_insert AFTER INSERT ON milestone_lever
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION milestone_lever_refresh_moves();
--> statement-breakpoint
CREATE TRIGGER milestone_lever_moves_delete AFTER DELETE ON milestone_lever
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION milestone_lever_refresh_moves();
--> statement-breakpoint
-- A milestone's day, status or visibility decides whether it counts.
CREATE OR REPLACE FUNCTION milestone_refresh_moves() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  SELECT array_agg(DISTINCT mr.relationship_id) INTO ids
  FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN milestone_relationship mr ON mr.milestone_id = n.id
  WHERE n.occurs_on IS DISTINCT FROM o.occurs_on OR n.status IS DISTINCT FROM o.status OR n.hidden_at IS DISTINCT FROM o.hidden_at;
  IF ids IS NOT NULL THEN
    PERFORM refresh_stage_moves(ids);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER milestone_moves_update AFTER UPDATE ON milestone
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION milestone_refresh_moves();
--> statement-breakpoint
-- What exists already.
SELECT refresh_stage_moves(ARRAY(SELECT id FROM relationship));
--> statement-breakpoint
SELECT refresh_relationship_summaries(ARRAY(SELECT id FROM relationship));

-- Scorecard (issue 7), repair: an early copy of 20261123014500_scorecard (committed while work was
-- in progress) had no "frameworks"/"criteria" columns on VersionScoreSummary and no index on
-- VersionCriterionScore(criterionId, status). On a database that applied that copy, this adds them,
-- installs the current trigger function and refills the summary rows. On any other database it
-- changes nothing.

ALTER TABLE "VersionScoreSummary"
  ADD COLUMN IF NOT EXISTS "frameworks" JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN IF NOT EXISTS "criteria" JSONB NOT NULL DEFAULT '[]';

CREATE INDEX IF NOT EXISTS "VersionCriterionScore_criterionId_status_idx" ON "VersionCriterionScore"("criterionId", "status");

CREATE OR REPLACE FUNCTION "scorecard_record_version"(vid TEXT, pid TEXT, num INTEGER, saved TIMESTAMP(3), s JSONB) RETURNS void AS $$
DECLARE
  j JSONB;
  fws JSONB;
BEGIN
  IF s IS NULL OR jsonb_typeof(s) <> 'object' THEN
    RETURN;
  END IF;
  j := CASE WHEN jsonb_typeof(s->'journey') = 'object' THEN s->'journey' ELSE '{}'::jsonb END;
  fws := CASE WHEN jsonb_typeof(s->'frameworks') = 'array' THEN s->'frameworks' ELSE '[]'::jsonb END;

  INSERT INTO "VersionScoreSummary" (
    "versionId", "pathwayId", "number", "savedAt", "scoredAt", "steps", "contacts", "organisations", "sectors",
    "faultLineCrossings", "crossingsWithoutInformation", "repeatedAssessments", "expectedDays", "expectedContacts",
    "frameworks", "criteria")
  VALUES (
    vid, pid, num, saved, COALESCE(s->>'scoredAt', ''),
    COALESCE((j->>'steps')::int, 0),
    COALESCE((j->>'contacts')::int, 0),
    COALESCE((j->>'distinctSectors')::int, 0),
    ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(j->'sectors') = 'array' THEN j->'sectors' ELSE '[]'::jsonb END)),
    COALESCE((j->>'transitionsCrossingFaultLines')::int, 0),
    COALESCE((j->>'crossingsWithoutInformation')::int, 0),
    COALESCE((j->>'repeatedAssessments')::int, 0),
    (j->'expected'->>'days')::float8,
    (j->'expected'->>'contacts')::float8,
    COALESCE((
      SELECT jsonb_agg(jsonb_build_object(
               'frameworkId', f->>'id', 'frameworkVersion', COALESCE(f->>'version', ''),
               'score', (f->>'score')::float8, 'percent', (f->>'percent')::int,
               'scored', COALESCE((f->>'scored')::int, 0), 'notMet', COALESCE((f->>'notMet')::int, 0),
               'needsJudgement', COALESCE((f->>'needsJudgement')::int, 0)) ORDER BY fx.ord)
      FROM jsonb_array_elements(fws) WITH ORDINALITY AS fx(f, ord)
      WHERE f->>'id' IS NOT NULL), '[]'::jsonb),
    COALESCE((
      SELECT jsonb_agg(jsonb_build_array(f->>'id', c->>'id', c->>'status',
               CASE WHEN jsonb_typeof(c->'findings') = 'array' THEN jsonb_array_length(c->'findings') ELSE 0 END)
             ORDER BY fx.ord, x.ord)
      FROM jsonb_array_elements(fws) WITH ORDINALITY AS fx(f, ord)
      CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(f->'criteria') = 'array' THEN f->'criteria' ELSE '[]'::jsonb END) WITH ORDINALITY AS x(c, ord)
      WHERE f->>'id' IS NOT NULL AND c->>'id' IS NOT NULL
        AND c->>'status' IN ('met', 'partly', 'not_met', 'needs_judgement')), '[]'::jsonb))
  ON CONFLICT ("versionId") DO NOTHING;

  INSERT INTO "VersionFrameworkScore" (
    "versionId", "frameworkId", "frameworkVersion", "score", "percent", "scored", "notMet", "needsJudgement")
  SELECT vid, f->>'id', COALESCE(f->>'version', ''), (f->>'score')::float8, (f->>'percent')::int,
         COALESCE((f->>'scored')::int, 0), COALESCE((f->>'notMet')::int, 0), COALESCE((f->>'needsJudgement')::int, 0)
  FROM jsonb_array_elements(fws) AS f
  WHERE f->>'id' IS NOT NULL
  ON CONFLICT DO NOTHING;

  INSERT INTO "VersionCriterionScore" (
    "versionId", "criterionId", "frameworkId", "position", "status", "score", "findings", "advice", "rule")
  SELECT vid, c->>'id', f->>'id', (x.ord - 1)::int, (c->>'status')::"ScoreStatus", (c->>'score')::float8,
         CASE WHEN jsonb_typeof(c->'findings') = 'array' THEN jsonb_array_length(c->'findings') ELSE 0 END,
         CASE WHEN jsonb_typeof(c->'advice') = 'array' THEN jsonb_array_length(c->'advice') ELSE 0 END,
         COALESCE(c->>'rule', '')
  FROM jsonb_array_elements(fws) AS f
  CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(f->'criteria') = 'array' THEN f->'criteria' ELSE '[]'::jsonb END) WITH ORDINALITY AS x(c, ord)
  WHERE f->>'id' IS NOT NULL AND c->>'id' IS NOT NULL
    AND c->>'status' IN ('met', 'partly', 'not_met', 'needs_judgement')
  ON CONFLICT DO NOTHING;
EXCEPTION WHEN others THEN
  RAISE WARNING 'scorecard rows not written for pathway version %: %', vid, SQLERRM;
END;
$$ LANGUAGE plpgsql;

-- Summary rows written by the early function have empty compact columns: write them again.
DELETE FROM "VersionScoreSummary" s
WHERE s."criteria" = '[]'::jsonb
  AND EXISTS (SELECT 1 FROM "VersionCriterionScore" c WHERE c."versionId" = s."versionId");

SELECT "scorecard_record_version"(v."id", v."pathwayId", v."number", v."createdAt", v."scores")
FROM "PathwayVersion" v
WHERE NOT EXISTS (SELECT 1 FROM "VersionScoreSummary" s WHERE s."versionId" = v."id");

-- Scorecard (issue 7): each saved version's stored scores, spread into rows (see schema.prisma).
--
-- The DDL can run where these tables already exist: several migrations were being made from one
-- shared working schema at the same time, and one of them briefly picked these tables up too.
-- Whichever migration creates them first, a fresh database ends up with the same schema.

-- CreateEnum
DO $$ BEGIN
  CREATE TYPE "ScoreStatus" AS ENUM ('met', 'partly', 'not_met', 'needs_judgement');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- CreateTable
CREATE TABLE IF NOT EXISTS "VersionScoreSummary" (
    "versionId" TEXT NOT NULL,
    "pathwayId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL,
    "scoredAt" TEXT NOT NULL,
    "steps" INTEGER NOT NULL,
    "contacts" INTEGER NOT NULL,
    "organisations" INTEGER NOT NULL,
    "sectors" TEXT[],
    "faultLineCrossings" INTEGER NOT NULL,
    "crossingsWithoutInformation" INTEGER NOT NULL,
    "repeatedAssessments" INTEGER NOT NULL,
    "expectedDays" DOUBLE PRECISION,
    "expectedContacts" DOUBLE PRECISION,
    "frameworks" JSONB NOT NULL DEFAULT '[]',
    "criteria" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "VersionScoreSummary_pkey" PRIMARY KEY ("versionId")
);

-- CreateTable
CREATE TABLE IF NOT EXISTS "VersionFrameworkScore" (
    "versionId" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "frameworkVersion" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "percent" INTEGER,
    "scored" INTEGER NOT NULL,
    "notMet" INTEGER NOT NULL,
    "needsJudgement" INTEGER NOT NULL,

    CONSTRAINT "VersionFrameworkScore_pkey" PRIMARY KEY ("versionId","frameworkId")
);

-- CreateTable
CREATE TABLE IF NOT EXISTS "VersionCriterionScore" (
    "versionId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "frameworkId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" "ScoreStatus" NOT NULL,
    "score" DOUBLE PRECISION,
    "findings" INTEGER NOT NULL,
    "advice" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,

    CONSTRAINT "VersionCriterionScore_pkey" PRIMARY KEY ("versionId","criterionId")
);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "VersionScoreSummary_pathwayId_number_idx" ON "VersionScoreSummary"("pathwayId", "number" DESC);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "VersionCriterionScore_criterionId_status_idx" ON "VersionCriterionScore"("criterionId", "status");

-- AddForeignKey
DO $$ BEGIN
  ALTER TABLE "VersionScoreSummary" ADD CONSTRAINT "VersionScoreSummary_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PathwayVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- AddForeignKey
DO $$ BEGIN
  ALTER TABLE "VersionFrameworkScore" ADD CONSTRAINT "VersionFrameworkScore_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PathwayVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- AddForeignKey
DO $$ BEGIN
  ALTER TABLE "VersionCriterionScore" ADD CONSTRAINT "VersionCriterionScore_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PathwayVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- Scorecard rows from a version's stored scores (issue 7). They are written by a trigger when a
-- version is inserted, so every way of saving a version (the editor, import, the demo seed) keeps
-- them in step with PathwayVersion.scores. Versions are immutable, so the rows never go stale.
-- Scores that cannot be read leave the version without rows (the scorecard then says its scores
-- are not available) rather than failing the save.
CREATE FUNCTION "scorecard_record_version"(vid TEXT, pid TEXT, num INTEGER, saved TIMESTAMP(3), s JSONB) RETURNS void AS $$
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

CREATE FUNCTION "pathway_version_scorecard"() RETURNS trigger AS $$
BEGIN
  PERFORM "scorecard_record_version"(NEW."id", NEW."pathwayId", NEW."number", NEW."createdAt", NEW."scores");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "PathwayVersion_scorecard"
  AFTER INSERT ON "PathwayVersion"
  FOR EACH ROW EXECUTE FUNCTION "pathway_version_scorecard"();

-- Backfill the versions saved before this migration.
SELECT "scorecard_record_version"(v."id", v."pathwayId", v."number", v."createdAt", v."scores")
FROM "PathwayVersion" v;

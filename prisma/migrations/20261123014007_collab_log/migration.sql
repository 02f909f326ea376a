-- CreateTable
CREATE TABLE "CollabUpdate" (
    "seq" BIGSERIAL NOT NULL,
    "pathwayId" TEXT NOT NULL,
    "userId" TEXT,
    "update" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollabUpdate_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "CollabSnapshot" (
    "pathwayId" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "upToSeq" BIGINT NOT NULL DEFAULT 0,
    "workingRevision" INTEGER NOT NULL DEFAULT 0,
    "workingBase" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CollabSnapshot_pkey" PRIMARY KEY ("pathwayId")
);

-- CreateTable
CREATE TABLE "CollabContribution" (
    "pathwayId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "firstAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollabContribution_pkey" PRIMARY KEY ("pathwayId","userId","kind")
);

-- CreateIndex
CREATE INDEX "CollabUpdate_pathwayId_seq_idx" ON "CollabUpdate"("pathwayId", "seq");

-- CreateIndex
CREATE INDEX "CollabContribution_pathwayId_idx" ON "CollabContribution"("pathwayId");

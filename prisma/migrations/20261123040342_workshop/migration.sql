-- CreateTable
CREATE TABLE "WorkshopState" (
    "pathwayId" TEXT NOT NULL,
    "timerLabel" TEXT NOT NULL DEFAULT '',
    "timerDurationMs" INTEGER NOT NULL DEFAULT 0,
    "timerEndsAt" TIMESTAMP(3),
    "timerRemainingMs" INTEGER,
    "dotsPerPerson" INTEGER NOT NULL DEFAULT 3,
    "roundCriterionId" TEXT,
    "roundVersionId" TEXT,
    "roundRevealed" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkshopState_pkey" PRIMARY KEY ("pathwayId")
);

-- CreateTable
CREATE TABLE "WorkshopVote" (
    "pathwayId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "dots" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkshopVote_pkey" PRIMARY KEY ("pathwayId","userId","stepId")
);

-- CreateIndex
CREATE INDEX "WorkshopVote_pathwayId_idx" ON "WorkshopVote"("pathwayId");

-- AddForeignKey
ALTER TABLE "WorkshopState" ADD CONSTRAINT "WorkshopState_pathwayId_fkey" FOREIGN KEY ("pathwayId") REFERENCES "Pathway"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopVote" ADD CONSTRAINT "WorkshopVote_pathwayId_fkey" FOREIGN KEY ("pathwayId") REFERENCES "Pathway"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopVote" ADD CONSTRAINT "WorkshopVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Dots are at least one (a person who takes their dots back has no row).
ALTER TABLE "WorkshopVote" ADD CONSTRAINT "WorkshopVote_dots_positive" CHECK ("dots" > 0);

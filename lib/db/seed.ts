import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '@/lib/db/client';
import { hashPassword } from '@/lib/auth/password';
import { parsePathway } from '@/lib/pathway/validate';
import { scoreForStorage } from '@/lib/server/scores';
import { seedCarePlans } from './seed-care-plans';

/**
 * Demo data: a GP cluster with people in every role, and the demo pathways (prisma/demo),
 * one of them with several versions. Runs once, on a database with no workspace.
 */
export const DEMO_PASSWORD = process.env.PATHWEAVE_DEMO_PASSWORD ?? 'pathweave-demo';

type WorkspaceKind = 'ics' | 'pcn' | 'gp_cluster';
interface DemoPeople {
  workspace: { name: string; kind: WorkspaceKind; slug?: string };
  users: {
    name: string;
    email: string;
    /** Patients only: 10 digits from the NHS test range (999…), so a clinician trying the demo can make a plan. */
    nhsNumber?: string;
    professionalRole: string;
    accessRole: string | null;
  }[];
  /** Other workspaces, so a clinician outside this one exists (denials are tested against them). */
  otherWorkspaces?: { name: string; kind: WorkspaceKind; members: { email: string; accessRole: string }[] }[];
}

const slugify = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
interface DemoIndexEntry {
  slug: string;
  title: string;
  status: 'draft' | 'in_review' | 'published' | 'retired';
  conditions: string[];
  file: string;
  versions: { file: string; note: string; author: string; createdAt: string }[];
}

const demoDir = (root: string) => path.join(root, 'prisma', 'demo');

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function loadDemoPeople(root = process.cwd()): DemoPeople {
  return readJson<DemoPeople>(path.join(demoDir(root), 'people.json'));
}

export function loadDemoDocument(file: string, root = process.cwd()) {
  const raw = readJson<unknown>(path.join(demoDir(root), 'pathways', file));
  const parsed = parsePathway(raw);
  if (!parsed.ok) {
    throw new Error(`Demo pathway ${file} is not valid: ${parsed.errors.map((e) => e.message).join('; ')}`);
  }
  return parsed.pathway;
}

export async function isSeeded(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.workspace.count()) > 0;
}

/**
 * Demo data added before demo patients had NHS numbers (a care plan is made from the number and the
 * email together): each demo account that has none is given its number from people.json. Only the
 * demo's own accounts, by email, and never over a number already there. Returns how many were given one.
 */
export async function addDemoNhsNumbers(prisma: PrismaClient, root = process.cwd()): Promise<number> {
  let added = 0;
  for (const u of loadDemoPeople(root).users) {
    if (!u.nhsNumber) continue;
    const taken = await prisma.user.findUnique({ where: { nhsNumber: u.nhsNumber }, select: { id: true } });
    if (taken) continue;
    const { count } = await prisma.user.updateMany({
      where: { email: u.email.toLowerCase(), nhsNumber: null },
      data: { nhsNumber: u.nhsNumber },
    });
    added += count;
  }
  return added;
}

export async function seedDemo(prisma: PrismaClient, root = process.cwd()): Promise<{ users: DemoPeople['users'] }> {
  const people = loadDemoPeople(root);
  const index = readJson<DemoIndexEntry[]>(path.join(demoDir(root), 'pathways', 'index.json'));
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await prisma.$transaction(
    async (tx) => {
      const workspace = await tx.workspace.create({
        data: {
          name: people.workspace.name,
          kind: people.workspace.kind,
          slug: people.workspace.slug ?? slugify(people.workspace.name),
        },
      });
      const byEmail = new Map<string, string>();
      for (const u of people.users) {
        const user = await tx.user.create({
          data: {
            name: u.name,
            email: u.email.toLowerCase(),
            nhsNumber: u.nhsNumber ?? null,
            professionalRole: u.professionalRole as never,
            passwordHash,
          },
        });
        byEmail.set(user.email, user.id);
        if (u.accessRole) {
          await tx.membership.create({
            data: { userId: user.id, workspaceId: workspace.id, accessRole: u.accessRole as never },
          });
        }
      }
      for (const other of people.otherWorkspaces ?? []) {
        const ws = await tx.workspace.create({ data: { name: other.name, kind: other.kind, slug: slugify(other.name) } });
        for (const m of other.members) {
          const userId = byEmail.get(m.email.toLowerCase());
          if (userId) await tx.membership.create({ data: { userId, workspaceId: ws.id, accessRole: m.accessRole as never } });
        }
      }
      for (const entry of index) {
        const latest = loadDemoDocument(entry.file, root);
        const pathway = await tx.pathway.create({
          data: {
            workspaceId: workspace.id,
            title: entry.title,
            conditions: entry.conditions,
            status: entry.status,
            document: latest as object,
            isTemplate: entry.status === 'published',
          },
        });
        let number = 0;
        for (const v of entry.versions) {
          number += 1;
          const document = loadDemoDocument(v.file, root);
          await tx.pathwayVersion.create({
            data: {
              pathwayId: pathway.id,
              number,
              document: document as object,
              scores: scoreForStorage(document, { versionCount: number, today: v.createdAt.slice(0, 10) }) as object,
              note: v.note,
              authorId: byEmail.get(v.author.toLowerCase()) ?? null,
              createdAt: new Date(v.createdAt),
            },
          });
        }
      }
      // Arthur's shared care plan, from the COPD and frailty pathways, shared with his carer June.
      await seedCarePlans(tx);
    },
    { timeout: 60_000 },
  );
  return { users: people.users };
}

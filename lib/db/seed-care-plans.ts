// Demo care plans: Arthur Pennock's plan, made from the COPD and frailty pathways, with his carer
// June granted access. Maya Thorne has no plan (the demo shows a person without one).
//
// Called from lib/db/seed.ts inside the demo transaction, after the users and pathways exist:
//   await seedCarePlans(tx);
// It does nothing if Arthur already has a plan, so it is safe to run again. Dates are relative to the
// day it runs, so the demo never shows a review date in the past.
//
// The words are the demo person's and the demo team's, kept to what the pathways themselves say
// (rescue medicines, 999 or 111, the care coordinator): no clinical facts are made up here.
import type { Prisma } from '@/lib/generated/prisma/client';

type Db = Prisma.TransactionClient;

const PATIENT = 'patient@pathweave.test';
const CARER = 'carer@pathweave.test';

const addDays = (from: Date, days: number) => {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + days);
  return d;
};

export async function seedCarePlans(db: Db, options: { today?: Date } = {}): Promise<{ planId: string } | null> {
  const today = options.today ?? new Date();
  const users = await db.user.findMany({
    where: {
      email: {
        in: [
          PATIENT,
          CARER,
          'gp@pathweave.test',
          'community.nurse@pathweave.test',
          'pharmacist@pathweave.test',
          'social.worker@pathweave.test',
          'voluntary@pathweave.test',
        ],
      },
    },
    select: { id: true, email: true, name: true },
  });
  const user = (email: string) => users.find((u) => u.email === email);
  const patient = user(PATIENT);
  const carer = user(CARER);
  if (!patient || !carer) return null;
  if ((await db.carePlan.count({ where: { patientId: patient.id } })) > 0) return null;

  const copd = await db.pathway.findFirst({
    where: { title: { startsWith: 'COPD' }, isTemplate: true },
    orderBy: { createdAt: 'asc' },
  });
  const frailty = await db.pathway.findFirst({
    where: { title: { startsWith: 'Frailty' }, workspaceId: copd?.workspaceId },
    orderBy: { createdAt: 'asc' },
  });
  if (!copd || !frailty) return null;

  const gp = user('gp@pathweave.test');
  const nurse = user('community.nurse@pathweave.test');
  const pharmacist = user('pharmacist@pathweave.test');
  const social = user('social.worker@pathweave.test');

  const plan = await db.carePlan.create({
    data: {
      workspaceId: copd.workspaceId,
      patientId: patient.id,
      title: 'Arthur’s care plan',
      whatMattersToMe:
        'I want to keep walking to the allotment and see my grandchildren at the weekend. I do not want to go back into hospital if I can help it. June does a lot for me and she needs a break sometimes.',
      crisisContactName: 'NHS 111',
      crisisContactPhone: '111',
      crisisContactDetail: 'Day or night, if you need help fast and it is not an emergency. In an emergency, call 999.',
      medicationSummary:
        'Your full list of medicines is on your repeat prescription. Idris, the practice pharmacist, will go through them all with you and June.',
      reviewDate: addDays(today, 98),
      createdById: gp?.id ?? null,
      pathways: {
        create: [
          { pathwayId: copd.id, position: 0, currentStepId: 'pulmonary-rehab', currentStepSince: addDays(today, -21) },
          {
            pathwayId: frailty.id,
            position: 1,
            currentStepId: 'care-coordinator',
            currentStepSince: addDays(today, -7),
          },
        ],
      },
      escalation: {
        create: [
          {
            level: 'green',
            signs: 'Your breathing is as usual for you. You can do your normal day.',
            whatToDo: 'Keep taking your medicines. Do your exercises and go to your class.',
          },
          {
            level: 'amber',
            signs:
              'Your breathing is worse than usual and it is not getting better, or you feel more wobbly on your feet.',
            whatToDo: 'Follow your rescue plan from the nurse. Call Bea or the GP surgery today.',
          },
          {
            level: 'red',
            signs:
              'You are very out of breath and your rescue medicines are not helping, or you have had a fall and cannot get up.',
            whatToDo: 'Call 999 now. If you are not sure, call 111.',
          },
        ],
      },
      medicines: {
        create: [
          {
            name: 'Inhalers',
            howToTake: 'As your nurse showed you. Take them to every appointment.',
            purpose: 'help with your breathing',
            position: 0,
          },
          {
            name: 'Rescue medicines',
            howToTake: 'Keep them at home. Use them only as your rescue plan says, then tell the surgery.',
            purpose: 'a flare-up',
            position: 1,
          },
        ],
      },
    },
    select: { id: true },
  });

  const member = (data: Omit<Prisma.CarePlanMemberUncheckedCreateInput, 'carePlanId'>) =>
    db.carePlanMember.create({ data: { ...data, carePlanId: plan.id }, select: { id: true } });
  const bea = await member({
    userId: nurse?.id ?? null,
    name: nurse?.name ?? 'Bea Lindqvist-Hart',
    role: 'community_nurse',
    jobTitle: 'Community respiratory nurse',
    organisation: 'Riverside Community Health',
    sector: 'community_health',
    phone: '01632 960 002',
    email: 'community.nurse@pathweave.test',
    availability: 'Monday to Friday, 8am to 6pm',
    position: 0,
  });
  await member({
    userId: gp?.id ?? null,
    name: gp?.name ?? 'Dr Ada Fernsby',
    role: 'gp',
    jobTitle: 'GP',
    organisation: 'Riverside Surgery',
    sector: 'primary_care',
    phone: '01632 960 001',
    email: 'gp@pathweave.test',
    availability: 'Monday to Friday, 8am to 6:30pm',
    position: 1,
  });
  const idris = await member({
    userId: pharmacist?.id ?? null,
    name: pharmacist?.name ?? 'Idris Calloway',
    role: 'pharmacist',
    jobTitle: 'Practice pharmacist',
    organisation: 'Riverside Surgery',
    sector: 'primary_care',
    phone: '01632 960 001',
    email: 'pharmacist@pathweave.test',
    availability: 'Tuesday and Thursday',
    position: 2,
  });
  const noor = await member({
    userId: social?.id ?? null,
    name: social?.name ?? 'Noor Whitlock',
    role: 'social_worker',
    jobTitle: 'Social worker',
    organisation: 'Riverside Adult Social Care',
    sector: 'social_care',
    phone: '01632 960 004',
    email: 'social.worker@pathweave.test',
    availability: 'Monday to Friday, 9am to 5pm',
    position: 3,
  });
  const rehab = await member({
    userId: null,
    name: 'Pulmonary rehabilitation team',
    role: 'allied_health',
    jobTitle: 'Breathing and exercise class',
    organisation: 'Riverside Community Health',
    sector: 'community_health',
    phone: '01632 960 005',
    email: '',
    availability: 'Tuesday and Thursday mornings',
    position: 4,
  });
  const sam = await member({
    userId: null,
    name: 'Sam Ashdown',
    role: 'voluntary_worker',
    jobTitle: 'Lung health group organiser',
    organisation: 'Riverside Breathe Together group',
    sector: 'voluntary_community',
    phone: '07700 900 006',
    email: '',
    availability: 'Wednesday afternoons',
    position: 5,
  });
  await member({
    userId: null,
    name: 'June Pennock',
    role: 'carer',
    jobTitle: 'Wife and carer',
    organisation: '',
    sector: 'self_care',
    phone: '07700 900 007',
    email: '',
    availability: '',
    position: 6,
  });
  await db.carePlan.update({ where: { id: plan.id }, data: { coordinatorId: bea.id } });

  await db.carePlanGoal.createMany({
    data: [
      {
        carePlanId: plan.id,
        kind: 'health',
        description: 'Walk to the allotment and back without stopping to get my breath',
        setBy: 'person',
        targetDate: addDays(today, 150),
        position: 0,
      },
      {
        carePlanId: plan.id,
        kind: 'social',
        description: 'See my grandchildren every weekend',
        setBy: 'person',
        targetDate: null,
        position: 1,
      },
      {
        carePlanId: plan.id,
        kind: 'social',
        description: 'June gets a regular break',
        setBy: 'together',
        targetDate: addDays(today, 70),
        position: 2,
      },
      {
        carePlanId: plan.id,
        kind: 'health',
        description: 'No falls this winter',
        setBy: 'together',
        targetDate: addDays(today, 130),
        position: 3,
      },
    ],
  });
  await db.carePlanAction.createMany({
    data: [
      {
        carePlanId: plan.id,
        description: 'Go to the breathing and exercise class every Tuesday and Thursday',
        ownerKind: 'person',
        dueDate: addDays(today, 45),
        status: 'in_progress',
        pathwayId: copd.id,
        stepId: 'pulmonary-rehab',
        position: 0,
      },
      {
        carePlanId: plan.id,
        description: 'Do the home exercises from the class on the other days',
        ownerKind: 'person',
        dueDate: addDays(today, 45),
        status: 'to_do',
        position: 1,
      },
      {
        carePlanId: plan.id,
        description: 'Book the lift to the class each week',
        ownerKind: 'carer',
        dueDate: addDays(today, 7),
        status: 'to_do',
        position: 2,
      },
      {
        carePlanId: plan.id,
        description: 'Arrange the full health check at home (comprehensive geriatric assessment)',
        ownerKind: 'team_member',
        memberId: bea.id,
        dueDate: addDays(today, 25),
        status: 'to_do',
        pathwayId: frailty.id,
        stepId: 'cga',
        position: 3,
      },
      {
        carePlanId: plan.id,
        description: 'Go through all of Arthur’s medicines with him and June',
        ownerKind: 'team_member',
        memberId: idris.id,
        dueDate: addDays(today, 46),
        status: 'to_do',
        position: 4,
      },
      {
        carePlanId: plan.id,
        description: 'Offer June a carer’s assessment',
        ownerKind: 'team_member',
        memberId: noor.id,
        dueDate: addDays(today, 18),
        status: 'to_do',
        pathwayId: frailty.id,
        stepId: 'carers-assessment',
        position: 5,
      },
      {
        carePlanId: plan.id,
        description: 'Tell Arthur about the lung health group',
        ownerKind: 'team_member',
        memberId: sam.id,
        dueDate: null,
        status: 'to_do',
        position: 6,
      },
      {
        carePlanId: plan.id,
        description: 'Check the class has a place for Arthur',
        ownerKind: 'team_member',
        memberId: rehab.id,
        dueDate: addDays(today, -14),
        status: 'done',
        completedAt: addDays(today, -16),
        position: 7,
      },
    ],
  });
  await db.carePlanCarerGrant.create({
    data: {
      carePlanId: plan.id,
      carerId: carer.id,
      canContribute: true,
      grantedById: patient.id,
      grantedAt: addDays(today, -20),
    },
  });
  await db.carePlanNote.create({
    data: {
      carePlanId: plan.id,
      authorId: patient.id,
      body: 'The class is hard work but I like the people. Ask Bea about a bus pass.',
      createdAt: addDays(today, -3),
    },
  });
  return { planId: plan.id };
}

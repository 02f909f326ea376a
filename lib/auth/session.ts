import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { getPrisma } from '@/lib/db/client';
import { authOptions } from './options';
import type { Actor, AccessRole } from './can';

export interface SignedInActor extends Actor {
  name: string;
  email: string;
}

/** Loads an actor's facts fresh from the database: a removed membership takes effect at once. */
export async function loadActor(userId: string): Promise<SignedInActor | null> {
  const user = await getPrisma().user.findUnique({
    where: { id: userId },
    include: { memberships: { select: { workspaceId: true, accessRole: true } } },
  });
  if (!user) return null;
  const memberships: Record<string, AccessRole> = {};
  for (const m of user.memberships) memberships[m.workspaceId] = m.accessRole;
  return { userId: user.id, name: user.name, email: user.email, professionalRole: user.professionalRole, memberships };
}

/** The signed-in person for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<SignedInActor | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? loadActor(id) : null;
});

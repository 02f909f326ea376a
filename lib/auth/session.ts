import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { authOptions } from './options';
import { loadActor, type SignedInActor } from './actor';

export { loadActor, type SignedInActor };

/** The signed-in person for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<SignedInActor | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? loadActor(id, { sid: (session as { sid?: unknown } | null)?.sid }) : null;
});

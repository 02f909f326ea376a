// A plain form posting to a server action, so not next-auth's client library: it works before,
// and without, JavaScript. With JavaScript, SignOutForm asks first when signing out would delete
// edits made offline that have not been shared yet (lib/collab/local-copy-names.ts).
import { getActor } from '@/lib/auth/session';
import { signOutAction } from './sign-out-action';
import { SignOutForm } from './SignOutForm';

export async function SignOutButton() {
  const actor = await getActor();
  if (!actor) return null;
  return <SignOutForm userId={actor.userId} action={signOutAction} />;
}

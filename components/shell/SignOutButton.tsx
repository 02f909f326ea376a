// A server component: a plain form posting to a server action, so no client JavaScript (and not
// next-auth's client library) is shipped for it. Works before, and without, JavaScript.
import { signOutAction } from './sign-out-action';

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded border-2 border-white px-3 py-1 text-white hover:bg-nhs-dark-blue">
        Sign out
      </button>
    </form>
  );
}

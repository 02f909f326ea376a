'use client';
import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: '/signin' })}
      className="rounded border-2 border-white px-3 py-1 text-white hover:bg-nhs-dark-blue"
    >
      Sign out
    </button>
  );
}

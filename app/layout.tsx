import type { Metadata, Viewport } from 'next';
import './globals.css';
import { getActor } from '@/lib/auth/session';
import { hasCarePlanInvitation } from '@/lib/server/care-plan-invitations';
import { hasCarePlanToOpen } from '@/lib/server/list-my-care-plans';
import { SignOutButton } from '@/components/shell/SignOutButton';

export const metadata: Metadata = {
  title: { default: 'Pathweave', template: '%s – Pathweave' },
  description: 'Design joined-up care pathways together, scored against the RCGP five tests and the National Voices principles.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  // The person's own plan (or one shared with them, or an invitation to answer) is one click away
  // from any page.
  const hasPlan = actor ? (await hasCarePlanToOpen(actor)) || (await hasCarePlanInvitation(actor)) : false;
  return (
    <html lang="en-GB">
      <body className="min-h-screen flex flex-col">
        <a href="#main-content" className="skip-link bg-nhs-yellow text-nhs-black">
          Skip to main content
        </a>
        {/* Plain links and a plain sign-out form: nothing here ships client JavaScript to every page, and
            nothing prefetches (on a first visit that fetched and decoded other routes' payloads just after
            load: long tasks on a phone, issue 6 "Speed"). The person's plan page is server components. */}
        <header className="bg-nhs-blue text-white no-print" role="banner">
          <div className="mx-auto max-w-6xl px-4 py-3 flex flex-wrap items-center gap-x-6 gap-y-2">
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- deliberately a plain link: see above */}
            <a href="/" className="text-white no-underline font-bold text-xl" aria-label="Pathweave home">
              Pathweave
            </a>
            <span className="text-sm opacity-90 hidden sm:inline">Joined-up care, designed together</span>
            <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
              {actor ? (
                <>
                  {hasPlan ? (
                    // eslint-disable-next-line @next/next/no-html-link-for-pages -- deliberately a plain link: see above
                    <a href="/my-plan" className="text-white font-bold">
                      My care plan
                    </a>
                  ) : null}
                  <span>
                    Signed in as <strong>{actor.name}</strong>
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <a href="/signin" className="text-white">
                  Sign in
                </a>
              )}
            </div>
          </div>
        </header>
        <div className="flex-1">{children}</div>
        <footer className="border-t border-nhs-grey-4 bg-white no-print" role="contentinfo">
          <div className="mx-auto max-w-6xl px-4 py-4 text-sm text-nhs-grey-1 flex flex-wrap gap-4">
            <a href="/frameworks">How pathways are scored</a>
            <span>Pathweave: co-designing integrated care.</span>
          </div>
        </footer>
      </body>
    </html>
  );
}

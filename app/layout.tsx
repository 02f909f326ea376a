import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import './globals.css';
import { getActor } from '@/lib/auth/session';
import { SignOutButton } from '@/components/shell/SignOutButton';

export const metadata: Metadata = {
  title: { default: 'Pathweave', template: '%s – Pathweave' },
  description: 'Design joined-up care pathways together, scored against the RCGP five tests and the National Voices principles.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  return (
    <html lang="en-GB">
      <body className="min-h-screen flex flex-col">
        <a href="#main-content" className="skip-link bg-nhs-yellow text-nhs-black">
          Skip to main content
        </a>
        <header className="bg-nhs-blue text-white no-print" role="banner">
          <div className="mx-auto max-w-6xl px-4 py-3 flex flex-wrap items-center gap-x-6 gap-y-2">
            <Link href="/" className="text-white no-underline font-bold text-xl" aria-label="Pathweave home">
              Pathweave
            </Link>
            <span className="text-sm opacity-90 hidden sm:inline">Joined-up care, designed together</span>
            <div className="ml-auto flex items-center gap-3 text-sm">
              {actor ? (
                <>
                  <span>
                    Signed in as <strong>{actor.name}</strong>
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <Link href="/signin" className="text-white">
                  Sign in
                </Link>
              )}
            </div>
          </div>
        </header>
        <div className="flex-1">{children}</div>
        <footer className="border-t border-nhs-grey-4 bg-white no-print" role="contentinfo">
          <div className="mx-auto max-w-6xl px-4 py-4 text-sm text-nhs-grey-1 flex flex-wrap gap-4">
            <Link href="/frameworks">How pathways are scored</Link>
            <span>Pathweave: co-designing integrated care.</span>
          </div>
        </footer>
      </body>
    </html>
  );
}

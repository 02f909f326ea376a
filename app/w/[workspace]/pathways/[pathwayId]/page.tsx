import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { getPathway } from '@/lib/server/pathways';
import { parsePathway } from '@/lib/pathway/validate';
import { SECTORS } from '@/lib/pathway/schema';
import { SECTOR_LABELS, KIND_LABELS, ROLE_LABELS } from '@/lib/pathway/labels';
import { ScoreSummary } from '@/components/scores/ScoreSummary';

export const metadata: Metadata = { title: 'Pathway' };

export default async function PathwayPage({ params }: { params: Promise<{ workspace: string; pathwayId: string }> }) {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  const { workspace: slug, pathwayId } = await params;
  const pathway = await getPathway(actor, pathwayId);
  if (!pathway || pathway.workspace.slug !== slug) notFound();
  const parsed = parsePathway(pathway.document);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/w/${slug}/pathways`}>Pathways</Link> <span aria-hidden="true">›</span>
      </p>
      <h1 className="text-3xl font-bold mb-1">{pathway.title}</h1>
      <p className="mb-4 text-nhs-grey-1">{pathway.conditions.join(', ')}</p>
      <p className="mb-6">
        <Link
          href={`/w/${slug}/pathways/${pathway.id}/edit`}
          className="inline-block rounded bg-nhs-blue px-4 py-2 font-bold text-white no-underline hover:bg-nhs-dark-blue"
        >
          Open in the editor
        </Link>{' '}
        <Link
          href={`/w/${slug}/pathways/${pathway.id}/edit?live=1`}
          className="ml-2 inline-block rounded border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue no-underline hover:bg-nhs-grey-5"
        >
          Join the live workshop
        </Link>
      </p>
      <p className="mb-6 -mt-4 text-sm text-nhs-grey-1">
        In the live workshop everyone edits the same pathway at once and sees who is there. The facilitator can run a timer, a dot vote and rating rounds.
      </p>
      {!parsed.ok ? (
        <div role="alert" className="border-4 border-nhs-red bg-white p-4 mb-6">
          <h2 className="font-bold">This pathway document has problems</h2>
          <ul className="list-disc pl-6">
            {parsed.errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
          <section aria-labelledby="steps-heading" className="bg-white border border-nhs-grey-4 p-4">
            <h2 id="steps-heading" className="text-xl font-bold mb-3">
              Steps by sector
            </h2>
            {SECTORS.map((sector) => {
              const steps = parsed.pathway.steps.filter((s) => s.sector === sector);
              if (steps.length === 0) return null;
              return (
                <div key={sector} className="mb-4">
                  <h3 className="font-bold">{SECTOR_LABELS[sector]}</h3>
                  <ul className="list-disc pl-6">
                    {steps.map((s) => (
                      <li key={s.id} id={`step-${s.id}`}>
                        {s.title} <span className="text-sm text-nhs-grey-1">({KIND_LABELS[s.kind]}, led by {ROLE_LABELS[s.leadRole]})</span>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </section>
          <div className="space-y-6">
            <ScoreSummary pathway={parsed.pathway} versionCount={pathway.versions.length} />
            <section aria-labelledby="versions-heading" className="bg-white border border-nhs-grey-4 p-4">
              <h2 id="versions-heading" className="text-xl font-bold mb-3">
                Versions
              </h2>
              {pathway.versions.length === 0 ? (
                <p>No saved versions yet.</p>
              ) : (
                <ol className="space-y-2">
                  {pathway.versions.map((v) => (
                    <li key={v.id}>
                      <strong>Version {v.number}</strong>: {v.note}
                      <br />
                      <span className="text-sm text-nhs-grey-1">
                        {v.author?.name ?? 'Unknown'},{' '}
                        <time dateTime={v.createdAt.toISOString()}>
                          {v.createdAt.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}
                        </time>
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </div>
        </div>
      )}
    </>
  );
}

import type { Metadata } from 'next';
import { FRAMEWORKS, ruleTag } from '@/lib/scoring/frameworks';

export const metadata: Metadata = { title: 'How pathways are scored' };

const STATUS_WORDS = { met: 'met', partly: 'partly met', not_met: 'not met', needs_judgement: 'needs judgement' } as const;

/** Generated entirely from the versioned framework data in lib/scoring/frameworks.ts. */
export default function FrameworksPage() {
  return (
    <main id="main-content" className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-3xl font-bold mb-3">How pathways are scored</h1>
      <p className="mb-4 text-lg">
        Pathweave checks every pathway against two published frameworks. Each criterion below says where it comes from
        and exactly how we measure it from the pathway. Where the pathway alone cannot settle a criterion, it says
        &ldquo;needs judgement&rdquo; and the people in the room decide.
      </p>
      <nav aria-label="Frameworks on this page" className="mb-8">
        <ul className="list-disc pl-6">
          {FRAMEWORKS.map((f) => (
            <li key={f.id}>
              <a href={`#${f.id}`}>{f.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      {FRAMEWORKS.map((f) => (
        <section key={f.id} aria-labelledby={f.id} className="mb-10">
          <h2 id={f.id} className="text-2xl font-bold mb-2">
            {f.title}
          </h2>
          <p className="mb-2">{f.description}</p>
          <p className="mb-4 text-sm text-nhs-grey-1">
            Source: {f.source.citation}. Framework data version {f.version}.
          </p>
          <ol className="space-y-6">
            {f.criteria.map((c) => (
              <li key={c.id} id={c.id} className="bg-white border border-nhs-grey-4 p-4">
                <h3 className="text-xl font-bold mb-1">
                  {c.number}. {c.title}
                </h3>
                <p className="mb-3">{c.summary}</p>
                <h4 className="font-bold">How we measure it</h4>
                <p className="mb-3">{c.howMeasured}</p>
                <p className="text-sm mb-2">
                  Possible results: {c.statuses.map((s) => STATUS_WORDS[s]).join(', ')}.
                </p>
                <details className="text-sm">
                  <summary className="cursor-pointer font-bold">Source and decisions ({ruleTag(c)})</summary>
                  <p className="mt-2">
                    Source: {c.source.citation}, {c.source.section}.
                  </p>
                  {c.notes.length > 0 && (
                    <ul className="list-disc pl-6 mt-2 space-y-1">
                      {c.notes.map((n, i) => (
                        <li key={i}>{n}</li>
                      ))}
                    </ul>
                  )}
                </details>
              </li>
            ))}
          </ol>
          {f.supportingSources.length > 0 && (
            <>
              <h3 className="font-bold mt-6">Also drawn on</h3>
              <ul className="list-disc pl-6 text-sm">
                {f.supportingSources.map((s) => (
                  <li key={s.seed}>{s.citation}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      ))}
    </main>
  );
}

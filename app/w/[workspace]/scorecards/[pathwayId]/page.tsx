import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { can } from '@/lib/auth/can';
import { SECTOR_LABELS } from '@/lib/pathway/labels';
import type { Sector } from '@/lib/pathway/schema';
import { requireWorkspace } from '@/lib/server/guard';
import { readPathwayScorecard } from '@/lib/server/scorecard-pages';
import { editorHref, type JourneyTarget } from '@/lib/scorecard/findings';
import { formatDate, plural } from '@/lib/scorecard/format';
import { EXPECTED_DAYS_LABEL, formatJourneyValue } from '@/lib/scorecard/model';
import { pathwayScorecardTitle } from '@/lib/scorecard/titles';
import { PATHWAY_STATUS_LABELS } from '@/lib/scorecard/types';
import { FRAMEWORKS } from '@/lib/scoring/frameworks';
import { CriterionFindings } from '@/components/scorecard/CriterionFindings';
import { FrameworkRadar } from '@/components/scorecard/FrameworkRadar';
import { TrendChart } from '@/components/scorecard/TrendChart';
import { VersionChanges } from '@/components/scorecard/VersionChanges';

interface PageProps {
  params: Promise<{ workspace: string; pathwayId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

async function versionAskedFor(searchParams: PageProps['searchParams']): Promise<string> {
  const v = (await searchParams).version;
  return (typeof v === 'string' ? v : v?.[0]) ?? '';
}

/** Names the pathway and the version shown, from the same authorised read as the page (generic when not found). */
export async function generateMetadata({ params, searchParams }: PageProps): Promise<Metadata> {
  const { workspace: slug, pathwayId } = await params;
  const view = await readPathwayScorecard(slug, pathwayId, await versionAskedFor(searchParams));
  return { title: pathwayScorecardTitle(view) };
}

/** A step or transition the journey figures name: a link while the working copy has it, else its name. */
function JourneyTargetItem({ target, linked }: { target: JourneyTarget; linked: boolean }) {
  if (target.editorHref && linked) return <Link href={target.editorHref}>{target.label}</Link>;
  return (
    <>
      {target.label}
      {target.inWorkingCopy ? null : <span className="text-nhs-grey-1"> (no longer in the pathway)</span>}
    </>
  );
}

export default async function PathwayScorecardPage({ params, searchParams }: PageProps) {
  const { workspace: slug, pathwayId } = await params;
  const { actor } = await requireWorkspace(slug, 'workspace:viewScorecard');
  const view = await readPathwayScorecard(slug, pathwayId, await versionAskedFor(searchParams));
  if (!view) notFound();
  const { pathway, findings, shown } = view;
  const base = `/w/${view.workspace.slug}/scorecards`;
  const canOpenEditor = can(actor, 'pathway:view', { type: 'pathway', workspaceId: view.workspace.id, pathwayId });
  const versionParam = shown.kind === 'working' ? 'working' : shown.kind === 'version' ? String(shown.version.number) : '';
  const latest = view.versions[view.versions.length - 1];
  const missing = view.missingVersion;

  return (
    <>
      <p className="mb-2 text-sm no-print">
        <Link href={base}>Scorecards</Link> <span aria-hidden="true">›</span>
      </p>
      <h1 className="text-3xl font-bold mb-1">{pathway.title}</h1>
      <p className="mb-4 text-nhs-grey-1">
        {pathway.conditions.join(', ')} · {PATHWAY_STATUS_LABELS[pathway.status]} · {plural(view.versions.length, 'saved version', 'saved versions')}
      </p>

      <div className="mb-6 flex flex-wrap items-end gap-6 bg-white border border-nhs-grey-4 p-4 no-print">
        <form key={versionParam} method="get" action={`${base}/${pathway.id}`} className="flex max-w-full flex-wrap items-end gap-3">
          <div className="max-w-full">
            <label htmlFor="version" className="block font-bold mb-1">
              Show scores of
            </label>
            <select id="version" name="version" defaultValue={versionParam} className="block w-full max-w-full border-2 border-nhs-black bg-white px-2 py-1.5">
              {missing !== null ? <option value="">{`Version ${missing} does not exist: choose a version`}</option> : null}
              {[...view.versions].reverse().map((v) => (
                <option key={v.id} value={String(v.number)}>
                  Version {v.number}, saved {formatDate(v.savedAt)}
                  {v === latest ? ' (latest)' : ''}
                </option>
              ))}
              <option value="working">Working copy, scored now (not saved)</option>
            </select>
          </div>
          <button type="submit" className="rounded bg-nhs-blue px-4 py-2 font-bold text-white hover:bg-nhs-dark-blue">
            Show
          </button>
        </form>
        {findings ? (
          <a href={`${base}/${pathway.id}/pdf${versionParam ? `?version=${versionParam}` : ''}`} className="font-bold">
            Download this pathway&apos;s report (PDF)
          </a>
        ) : null}
        {canOpenEditor ? (
          <Link href={editorHref(view.workspace.slug, pathway.id)} className="font-bold">
            Open in the editor
          </Link>
        ) : null}
      </div>

      <p className="mb-6" role="status">
        {shown.kind === 'version' ? (
          <>
            Showing <strong>version {shown.version.number}</strong>, saved {formatDate(shown.version.savedAt)}
            {shown.version.author ? ` by ${shown.version.author}` : ''}
            {findings?.scoredAt ? `, scored ${formatDate(findings.scoredAt)}` : ''}. Ratings agreed at a workshop for this version are
            shown beside the computed results.
          </>
        ) : shown.kind === 'working' ? (
          <>
            Showing the <strong>working copy</strong>, scored just now. It is not a saved version, so it has no workshop ratings; save a
            version to record it.
          </>
        ) : null}
      </p>

      {view.changes ? <VersionChanges changes={view.changes} /> : null}

      {missing !== null ? (
        <div className="mb-6 border-l-4 border-nhs-blue bg-white p-4" data-testid="missing-version">
          <h2 className="text-xl font-bold mb-1">{`Version ${missing} not found`}</h2>
          <p>{view.problem}</p>
          {view.versions.length > 0 ? (
            <p className="mt-1">
              Show version{' '}
              {view.versions.map((v, i) => (
                <span key={v.id}>
                  {i > 0 ? (i === view.versions.length - 1 ? ' or ' : ', ') : null}
                  <Link href={`${base}/${pathway.id}?version=${v.number}`}>{v.number}</Link>
                </span>
              ))}
              .
            </p>
          ) : null}
        </div>
      ) : view.problem || !findings ? (
        <p className="mb-6 border-l-4 border-nhs-blue bg-white p-4">{view.problem ?? 'No scores to show.'}</p>
      ) : (
        <>
          <section aria-labelledby="results-heading" className="mb-8">
            <h2 id="results-heading" className="text-2xl font-bold mb-3">
              Results by framework
            </h2>
            {findings.frameworks.map((f) => (
              <FrameworkRadar key={f.id} framework={f} pathwayTitle={pathway.title} />
            ))}
          </section>

          <section aria-labelledby="findings-heading" className="mb-8">
            <h2 id="findings-heading" className="text-2xl font-bold mb-1">
              Criteria and findings, failing first
            </h2>
            <p className="mb-3 text-nhs-grey-1">
              {plural(findings.totalFindings, 'finding names', 'findings name')} a step or transition. The editor opens the working copy
              with it selected.
            </p>
            {findings.frameworks.map((f) => (
              <section key={f.id} aria-labelledby={`findings-${f.id}`} className="mb-6">
                <h3 id={`findings-${f.id}`} className="text-xl font-bold mb-2">
                  {f.title}
                </h3>
                <ol className="space-y-3">
                  {f.worstFirst.map((c) => (
                    <CriterionFindings key={c.id} criterion={c} editable={canOpenEditor} />
                  ))}
                </ol>
              </section>
            ))}
          </section>

          {findings.journey ? (
            <section aria-labelledby="journey-heading" id="journey" className="mb-8 bg-white border border-nhs-grey-4 p-4">
              <h2 id="journey-heading" className="text-2xl font-bold mb-3">Journey figures</h2>
              <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[18rem_1fr]">
                <dt className="font-bold">Steps</dt>
                <dd>{findings.journey.steps}</dd>
                <dt className="font-bold">Contacts with a professional</dt>
                <dd>{findings.journey.contacts}</dd>
                <dt className="font-bold">Organisations (sectors) met</dt>
                <dd>
                  {findings.journey.organisations}: {findings.journey.sectors.map((s) => SECTOR_LABELS[s as Sector] ?? s).join(', ')}
                </dd>
                <dt className="font-bold">Hand-offs between services or sectors</dt>
                <dd>{findings.journey.faultLineCrossings}</dd>
                <dt className="font-bold">Hand-offs with no information passed on</dt>
                <dd>
                  {findings.journey.crossingsWithoutInformation.length === 0 ? (
                    'None'
                  ) : (
                    <ul className="list-disc pl-6">
                      {findings.journey.crossingsWithoutInformation.map((x) => (
                        <li key={x.id}>
                          <JourneyTargetItem target={x} linked={canOpenEditor} />
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
                <dt className="font-bold">Repeated assessments</dt>
                <dd>
                  {findings.journey.repeatedAssessments.length === 0 ? (
                    'None'
                  ) : (
                    <ul className="list-disc pl-6">
                      {findings.journey.repeatedAssessments.map((x) => (
                        <li key={x.id}>
                          <JourneyTargetItem target={x} linked={canOpenEditor} />
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
                <dt className="font-bold">{EXPECTED_DAYS_LABEL}</dt>
                <dd>{formatJourneyValue('expectedDays', findings.journey.expectedDays)}</dd>
              </dl>
            </section>
          ) : null}
        </>
      )}

      <section aria-labelledby="trend-heading" className="mb-8">
        <h2 id="trend-heading" className="text-2xl font-bold mb-3">
          Scores across saved versions
        </h2>
        <TrendChart
          id="trend"
          series={view.trend.map((t) => ({
            frameworkId: t.frameworkId,
            title: FRAMEWORKS.find((f) => f.id === t.frameworkId)?.shortTitle ?? t.frameworkId,
            points: t.points,
          }))}
          versions={view.versions}
        />
      </section>
    </>
  );
}

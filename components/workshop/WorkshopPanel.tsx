'use client';
// Workshop mode (issue 5), the side panel of the live editor: the facilitator's agenda timer, the
// dot vote "where does it hurt?", and rating rounds (each person rates privately, the facilitator
// reveals, the room sees the spread and records a consensus with its reason: SCIROCCO's method).
// Everything works from the keyboard: dots go on the selected step or on a step in the list, with
// buttons; nothing needs dragging.
import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FRAMEWORKS } from '@/lib/scoring/frameworks';
import type { WorkshopView } from '@/lib/server/workshop';
import { DOTS_MAX, DOTS_MIN, describeAgreement, RATING_VALUES, RATING_WORDS, TIMER_MAX_MS, timerFormMinutes, type RatingValue } from '@/lib/workshop/model';
import { ErrorMessage } from '@/components/editor/fields';
import { myDotsOnRemovedSteps, useRememberedNames } from './removed-targets';
import type { CommandOutcome, WorkshopCommand } from './useWorkshop';
import { WorkshopClock } from './WorkshopClock';
import { focusOnRemoval } from '@/components/editor/keep-focus';
import { AskFirst } from '@/components/editor/AskFirst';

const STATUS_WORDS: Record<string, string> = { met: 'Met', partly: 'Partly met', not_met: 'Not met', needs_judgement: 'Needs judgement' };

export function WorkshopPanel({
  workshop,
  clockOffsetMs,
  error,
  send,
  selectedStep,
  stepNames,
  onGoToStep,
}: {
  workshop: WorkshopView | null;
  clockOffsetMs: number;
  error: string | null;
  send: (command: WorkshopCommand) => Promise<CommandOutcome>;
  /** The selected step, to put a dot on; null when nothing or a transition is selected. */
  selectedStep: { id: string; title: string } | null;
  stepNames: ReadonlyMap<string, string>;
  onGoToStep: (id: string) => void;
}) {
  const [message, setMessage] = useState<{ tone: 'error' | 'done'; text: string } | null>(null);
  // One command at a time: while one is on its way (it may be sent again for several seconds if the
  // connection drops), another press would be a second command, e.g. a second dot.
  const sending = useRef(false);
  const [busy, setBusy] = useState(false);
  if (!workshop) return <p role="status">{error ?? 'Loading the workshop…'}</p>;

  const run = async (command: WorkshopCommand, done?: string): Promise<boolean> => {
    if (sending.current) {
      setMessage({ tone: 'done', text: 'Still sending the last change. Wait a moment, then try again.' });
      return false;
    }
    sending.current = true;
    setBusy(true);
    try {
      const result = await send(command);
      if (result.ok) setMessage(done ? { tone: 'done', text: done } : null);
      else setMessage({ tone: 'error', text: result.errors[0] && result.errors[0].message !== result.message ? `${result.message} ${result.errors[0].message}` : result.message });
      return result.ok;
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="workshop-heading" aria-busy={busy} data-testid="workshop-panel">
      <h2 id="workshop-heading" className="pw-panel-heading">
        Workshop
      </h2>
      {error ? <p className="pw-alert mb-2">{error}</p> : null}
      <div role="alert" className={message?.tone === 'error' ? 'pw-alert mb-2' : 'sr-only'}>
        {message?.tone === 'error' ? message.text : ''}
      </div>
      <div role="status" className={message?.tone === 'done' ? 'pw-live mb-2' : 'sr-only'}>
        {message?.tone === 'done' ? message.text : ''}
      </div>
      <TimerSection workshop={workshop} clockOffsetMs={clockOffsetMs} run={run} />
      <VoteSection workshop={workshop} run={run} selectedStep={selectedStep} stepNames={stepNames} onGoToStep={onGoToStep} />
      <RatingSection workshop={workshop} run={run} />
    </section>
  );
}

type Run = (command: WorkshopCommand, done?: string) => Promise<boolean>;

/** The vote and rating sections' headings: the focus goes there when an action removes the control it was on. */
const VOTE_HEADING_ID = 'workshop-vote-heading';
const RATING_HEADING_ID = 'workshop-rating-heading';
const PUT_DOT_ID = 'workshop-put-dot';
const byId = (id: string) => () => document.getElementById(id);

function Section({ title, children, headingId }: { title: string; children: ReactNode; headingId?: string }) {
  return (
    <section className="mb-4 border-t border-[#d8dde0] pt-2">
      <h3 id={headingId} tabIndex={headingId ? -1 : undefined} className="pw-inspector-subheading !mt-0 !border-t-0 !pt-0">
        {title}
      </h3>
      {children}
    </section>
  );
}

function TimerSection({ workshop, clockOffsetMs, run }: { workshop: WorkshopView; clockOffsetMs: number; run: Run }) {
  const id = useId();
  const { timer } = workshop;
  // What the facilitator has typed and not yet set. Until they type, the form shows the timer as it
  // is now, so a change made on another device shows here instead of being undone by an old label.
  const [draft, setDraft] = useState<{ label: string; minutes: string } | null>(null);
  // A new length for a running or paused timer stops it for everyone, so the panel asks first, in
  // the page (a browser pop-up would take the facilitator away from the room's screen).
  const [asking, setAsking] = useState(false);
  const setButton = useRef<HTMLButtonElement>(null);
  const started = timer.status === 'running' || timer.status === 'paused';
  // Stopped meanwhile (from another device): nothing left to ask, now or later.
  if (asking && !started) setAsking(false);
  const form = draft ?? { label: timer.label, minutes: String(timerFormMinutes(timer.durationMs)) };
  // A number box gives "" for what is empty or is not a number ("1e", "0,5"): said beside the box,
  // rather than sent on as 0 and answered "0 is not allowed" about a 0 nobody typed.
  const [minutesError, setMinutesError] = useState<string | null>(null);
  const minutesInput = useRef<HTMLInputElement>(null);
  const edit = (next: { label: string; minutes: string }) => {
    setDraft(next);
    setAsking(false);
    setMinutesError(null);
  };
  const canRun = workshop.permissions.canRun;
  const hasTimer = timer.durationMs > 0;
  const setTimer = async (confirmed: boolean) => {
    const label = form.label.trim();
    if (form.minutes.trim() === '') {
      setMinutesError(`Minutes: enter a whole number of minutes from 1 to ${TIMER_MAX_MS / 60_000}, for example 10.`);
      minutesInput.current?.focus();
      return;
    }
    const command = { op: 'timer.set', label: form.label, minutes: Number(form.minutes) } as const;
    let ok: boolean;
    if (hasTimer && Math.round(command.minutes * 60_000) === timer.durationMs) {
      // The same length: only the agenda item changes, and the clock carries on.
      ok = await run(command, label === timer.label ? `Timer set: ${label || 'agenda timer'}, ${form.minutes} minutes.` : 'Agenda item renamed.');
    } else {
      if (started && !confirmed) {
        setAsking(true);
        return;
      }
      ok = await run(command, `Timer set: ${label || 'agenda timer'}, ${form.minutes} minutes.${started ? ' It is stopped: start it when the room is ready.' : ''}`);
    }
    setAsking(false);
    // The question has gone: put the focus back where the facilitator was.
    if (confirmed) setButton.current?.focus();
    if (ok) setDraft(null);
  };
  const keepTimer = () => {
    setAsking(false);
    setButton.current?.focus();
  };
  return (
    <Section title="Agenda timer">
      {/* The workshop bar's clock is the one that speaks (WorkshopClock). */}
      {hasTimer ? <WorkshopClock timer={timer} clockOffsetMs={clockOffsetMs} announce={false} /> : <p className="text-sm">{canRun ? 'Set a timer for the next part of the agenda.' : 'The facilitator has not set a timer.'}</p>}
      {canRun ? (
        <>
          <form
            className="mt-2 flex flex-wrap items-end gap-2"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void setTimer(false);
            }}
          >
            <div>
              <label htmlFor={`${id}-label`} className="pw-label text-sm">
                Agenda item
              </label>
              <input id={`${id}-label`} className="pw-input w-44" value={form.label} onChange={(e) => edit({ ...form, label: e.target.value })} maxLength={120} />
            </div>
            <div>
              <label htmlFor={`${id}-minutes`} className="pw-label text-sm">
                Minutes
              </label>
              <input
                id={`${id}-minutes`}
                ref={minutesInput}
                className="pw-input w-20"
                type="number"
                min={1}
                max={240}
                inputMode="numeric"
                value={form.minutes}
                aria-invalid={minutesError ? true : undefined}
                aria-describedby={minutesError ? `${id}-minutes-error` : undefined}
                onChange={(e) => edit({ ...form, minutes: e.target.value })}
              />
              <ErrorMessage id={`${id}-minutes`} errors={minutesError ? [minutesError] : []} />
            </div>
            <button ref={setButton} type="submit" className="pw-button pw-button-secondary pw-button-small">
              Set timer
            </button>
          </form>
          {asking && started ? (
            <AskFirst
              testId="timer-question"
              question={`The timer is ${timer.status}. Setting it to ${form.minutes} minutes stops it and puts it back to the start for everyone.`}
              yes={`Yes, set it to ${form.minutes} minutes`}
              no={`No, keep it ${timer.status}`}
              onYes={() => void setTimer(true)}
              onNo={keepTimer}
              returnFocusTo={setButton}
            />
          ) : null}
          {hasTimer ? (
            <div className="mt-2 flex flex-wrap gap-2">
              {timer.status === 'running' ? (
                <button type="button" className="pw-button pw-button-small" onClick={() => void run({ op: 'timer.pause' }, 'Timer paused.')}>
                  Pause timer
                </button>
              ) : (
                <button type="button" className="pw-button pw-button-small" onClick={() => void run({ op: 'timer.start' }, 'Timer started.')}>
                  {timer.status === 'paused' ? 'Resume timer' : 'Start timer'}
                </button>
              )}
              <button type="button" className="pw-button pw-button-secondary pw-button-small" onClick={() => void run({ op: 'timer.addMinute' }, 'One minute added.')}>
                Add a minute
              </button>
              <button type="button" className="pw-button pw-button-secondary pw-button-small" onClick={() => void run({ op: 'timer.reset' }, 'Timer reset.')}>
                Reset timer
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

function VoteSection({
  workshop,
  run,
  selectedStep,
  stepNames,
  onGoToStep,
}: {
  workshop: WorkshopView;
  run: Run;
  selectedStep: { id: string; title: string } | null;
  stepNames: ReadonlyMap<string, string>;
  onGoToStep: (id: string) => void;
}) {
  const id = useId();
  const [dots, setDots] = useState(String(workshop.dotsPerPerson));
  const [askingNewVote, setAskingNewVote] = useState(false);
  // The dots cleared meanwhile (a new vote from another device): nothing left to ask, now or later.
  if (askingNewVote && workshop.votes.length === 0) setAskingNewVote(false);
  const newVoteButton = useRef<HTMLButtonElement>(null);
  // As for the timer's minutes: an empty or malformed number box is said beside it, not sent as 0.
  const [dotsError, setDotsError] = useState<string | null>(null);
  const dotsInput = useRef<HTMLInputElement>(null);
  const startNewVote = async () => {
    if (dots.trim() === '') {
      setDotsError(`Dots each: enter a whole number from ${DOTS_MIN} to ${DOTS_MAX}, for example 3.`);
      setAskingNewVote(false);
      dotsInput.current?.focus();
      return;
    }
    const asked = askingNewVote;
    await run({ op: 'vote.new', dotsPerPerson: Number(dots) }, 'A new vote has started.');
    setAskingNewVote(false);
    if (asked) newVoteButton.current?.focus();
  };
  const { canVote, canRun } = workshop.permissions;
  // The tally lists only steps still in the pathway. Dots this person put on a step since taken out
  // still count against their dots (the server cannot tell a removed step from one an undo will bring
  // back), so they are listed below the tally to be taken back.
  const tally = workshop.votes.filter((v) => stepNames.has(v.stepId));
  const seen = useRememberedNames(stepNames);
  const mineOnRemoved = useMemo(() => myDotsOnRemovedSteps(workshop.votes, stepNames, seen), [workshop.votes, stepNames, seen]);
  const mineOnSelected = selectedStep ? (workshop.votes.find((v) => v.stepId === selectedStep.id)?.mine ?? 0) : 0;
  // "Take a dot back" goes with your last dot on the step: the focus moves to "Put a dot" beside it.
  // A step's row of the tally goes with its last dot: the focus moves to the section's heading.
  const takeBackGoes = useMemo(() => focusOnRemoval(byId(PUT_DOT_ID)), []);
  const tallyRowGoes = useMemo(() => focusOnRemoval(byId(VOTE_HEADING_ID)), []);
  return (
    <Section title="Where does it hurt? (dot vote)" headingId={VOTE_HEADING_ID}>
      <p className="text-sm mb-2">
        Put dots on the steps where care goes wrong for people today. Everyone sees the dots.
        {canVote ? (
          <>
            {' '}
            <strong data-testid="dots-left">
              You have {workshop.myDotsLeft} of {workshop.dotsPerPerson} dots left.
            </strong>
          </>
        ) : null}
      </p>
      {canVote ? (
        selectedStep ? (
          <div className="mb-2 flex flex-wrap items-center gap-2">
            {/* The dot buttons are aria-disabled, not disabled: placing your last dot (or taking the
                last one back) turns off the button pressed, and a button disabled under the focus
                drops it to the page. */}
            <button
              id={PUT_DOT_ID}
              type="button"
              className="pw-button pw-button-small"
              aria-disabled={workshop.myDotsLeft === 0}
              onClick={() => workshop.myDotsLeft > 0 && void run({ op: 'vote.add', stepId: selectedStep.id }, `Dot placed on “${selectedStep.title}”.`)}
            >
              Put a dot on “{selectedStep.title}”
            </button>
            {mineOnSelected > 0 ? (
              <button
                ref={takeBackGoes}
                type="button"
                className="pw-button pw-button-secondary pw-button-small"
                onClick={() => void run({ op: 'vote.remove', stepId: selectedStep.id }, `Dot taken back from “${selectedStep.title}”.`)}
              >
                Take a dot back
              </button>
            ) : null}
          </div>
        ) : (
          <p className="pw-hint">Select a step on the canvas or in the outline to put a dot on it.</p>
        )
      ) : (
        <p className="pw-hint">You can see the vote but not take part.</p>
      )}
      {tally.length ? (
        <table className="pw-table" data-testid="vote-tally">
          <caption className="sr-only">Dots per step, most first</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Dots</th>
              {canVote ? <th scope="col">Yours</th> : null}
            </tr>
          </thead>
          <tbody>
            {tally.map((v) => {
              const name = stepNames.get(v.stepId) ?? v.stepId;
              return (
                <tr key={v.stepId}>
                  <td>
                    <button type="button" className="pw-link-button" onClick={() => onGoToStep(v.stepId)}>
                      {name}
                    </button>
                  </td>
                  <td>
                    <span aria-hidden="true" className="mr-1 text-[#d5281b]">
                      {'●'.repeat(Math.min(v.dots, 12))}
                    </span>
                    {v.dots} from {v.voters} {v.voters === 1 ? 'person' : 'people'}
                  </td>
                  {canVote ? (
                    <td className="whitespace-nowrap">
                      {v.mine}{' '}
                      <button
                        type="button"
                        className="pw-button pw-button-secondary pw-button-small"
                        aria-label={`Put another dot on “${name}”`}
                        aria-disabled={workshop.myDotsLeft === 0}
                        onClick={() => workshop.myDotsLeft > 0 && void run({ op: 'vote.add', stepId: v.stepId })}
                      >
                        +
                      </button>{' '}
                      <button
                        type="button"
                        className="pw-button pw-button-secondary pw-button-small"
                        aria-label={`Take a dot back from “${name}”`}
                        aria-disabled={v.mine === 0}
                        // The row goes when the step has no dots left.
                        ref={tallyRowGoes}
                        onClick={() => v.mine > 0 && void run({ op: 'vote.remove', stepId: v.stepId })}
                      >
                        −
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : mineOnRemoved.length === 0 ? (
        <p className="text-sm">No dots yet.</p>
      ) : null}
      {canVote && mineOnRemoved.length ? (
        <div className="mt-2" data-testid="dots-on-removed">
          <h4 className="font-bold text-sm">Your dots on removed steps</h4>
          <p className="text-sm">These steps are no longer in the pathway, but your dots on them still count. Take them back to use them again.</p>
          <ul className="mt-1 flex flex-col gap-1">
            {mineOnRemoved.map((v, i) => {
              const name = v.title ? `“${v.title}” (removed)` : mineOnRemoved.length > 1 ? `removed step ${i + 1}` : 'a removed step';
              return (
                <li key={v.stepId} className="flex flex-wrap items-center gap-2 text-sm">
                  <span>
                    {v.mine} {v.mine === 1 ? 'dot' : 'dots'} on {name}
                  </span>
                  <button
                    type="button"
                    className="pw-button pw-button-secondary pw-button-small"
                    aria-label={`Take a dot back from ${name}`}
                    ref={tallyRowGoes}
                    onClick={() => void run({ op: 'vote.remove', stepId: v.stepId }, `Dot taken back from ${name}.`)}
                  >
                    Take a dot back
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {canRun ? (
        <form
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            // Dots already placed are cleared for everyone, so ask first; with none there is nothing to lose.
            // An empty box is said at once, before any question.
            if (workshop.votes.length > 0 && dots.trim() !== '') setAskingNewVote(true);
            else void startNewVote();
          }}
        >
          <div>
            <label htmlFor={`${id}-dots`} className="pw-label text-sm">
              Dots each
            </label>
            <input
              id={`${id}-dots`}
              ref={dotsInput}
              className="pw-input w-20"
              type="number"
              min={1}
              max={10}
              value={dots}
              aria-invalid={dotsError ? true : undefined}
              aria-describedby={dotsError ? `${id}-dots-error` : undefined}
              onChange={(e) => {
                setDots(e.target.value);
                setAskingNewVote(false);
                setDotsError(null);
              }}
            />
            <ErrorMessage id={`${id}-dots`} errors={dotsError ? [dotsError] : []} />
          </div>
          <button ref={newVoteButton} type="submit" className="pw-button pw-button-secondary pw-button-small">
            Start a new vote
          </button>
        </form>
      ) : null}
      {canRun && askingNewVote && workshop.votes.length > 0 ? (
        <AskFirst
          testId="new-vote-question"
          question="Start a new vote? Everyone’s dots are cleared, for everyone in the room."
          yes="Yes, start a new vote"
          no="No, keep these dots"
          onYes={() => void startNewVote()}
          onNo={() => {
            setAskingNewVote(false);
            newVoteButton.current?.focus();
          }}
          returnFocusTo={newVoteButton}
        />
      ) : null}
    </Section>
  );
}

function RatingChoices({ name, value, onChange, legend }: { name: string; value: RatingValue | ''; onChange: (v: RatingValue) => void; legend: string }) {
  return (
    <fieldset className="pw-fieldset mb-2">
      <legend className="pw-label text-sm">{legend}</legend>
      <div className="pw-choices">
        {RATING_VALUES.map((v) => (
          <label key={v} className="pw-choice">
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
            <span>{RATING_WORDS[v]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function RatingSection({ workshop, run }: { workshop: WorkshopView; run: Run }) {
  const id = useId();
  const { round, permissions } = workshop;
  const [criterionId, setCriterionId] = useState(round?.criterionId ?? '');
  return (
    <Section title="Rate a criterion together" headingId={RATING_HEADING_ID}>
      <p className="text-sm mb-2">
        Everyone rates on their own first; nobody sees anyone else’s rating until the facilitator reveals them all. Then the room talks about the differences and agrees one rating, with
        its reason. The computed score is kept beside it, never mixed in.
      </p>
      {permissions.canRun ? (
        <form
          className="mb-3 flex flex-wrap items-end gap-2"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void run({ op: 'round.open', criterionId }, 'Rating round started.');
          }}
        >
          <div>
            <label htmlFor={`${id}-criterion`} className="pw-label text-sm">
              Criterion to rate
            </label>
            <select id={`${id}-criterion`} className="pw-select w-full" value={criterionId} onChange={(e) => setCriterionId(e.target.value)}>
              <option value="">Choose a criterion…</option>
              {FRAMEWORKS.map((f) => (
                <optgroup key={f.id} label={f.shortTitle}>
                  {f.criteria.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.number}. {c.title}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <button type="submit" className="pw-button pw-button-secondary pw-button-small">
            Start rating round
          </button>
        </form>
      ) : null}
      {round ? <Round key={`${round.criterionId}:${round.versionId}`} workshop={workshop} run={run} /> : <p className="text-sm">No rating round is open.</p>}
    </Section>
  );
}

function Round({ workshop, run }: { workshop: WorkshopView; run: Run }) {
  const id = useId();
  const round = workshop.round as NonNullable<WorkshopView['round']>;
  const { permissions } = workshop;
  const [value, setValue] = useState<RatingValue | ''>(round.mine?.value ?? '');
  const [reason, setReason] = useState(round.mine?.reason ?? '');
  const [cValue, setCValue] = useState<RatingValue | ''>(round.consensus?.value ?? round.summary?.majority ?? '');
  const [cReason, setCReason] = useState(round.consensus?.reason ?? '');
  // Revealing the ratings replaces the part of the round with the Reveal button, and ending the round
  // removes it all: the focus moves to the section's heading rather than dropping to the page.
  const goesToHeading = useMemo(() => focusOnRemoval(byId(RATING_HEADING_ID)), []);
  return (
    <div data-testid="rating-round">
      <p className="mb-1">
        <strong>{round.criterionTitle}</strong> ({round.frameworkTitle}), on version {round.versionNumber}.
      </p>
      {round.computed ? (
        <p className="text-sm mb-2">
          Computed by Pathweave: {STATUS_WORDS[round.computed.status] ?? round.computed.status}
          {round.computed.percent !== null ? ` (${round.computed.percent}%)` : ''}.
        </p>
      ) : null}
      {!round.revealed ? (
        <>
          <p className="text-sm mb-2" data-testid="rating-count">
            {round.submitted} {round.submitted === 1 ? 'person has' : 'people have'} rated. Ratings stay hidden until the facilitator reveals them.
          </p>
          {permissions.canRate ? (
            <form
              className="mb-2"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                void run({ op: 'round.rate', criterionId: round.criterionId, versionId: round.versionId, value, reason }, 'Your rating is saved. Only you can see it until the reveal.');
              }}
            >
              <RatingChoices name={`${id}-mine`} legend="Your rating (only you see it)" value={value} onChange={setValue} />
              <label htmlFor={`${id}-reason`} className="pw-label text-sm">
                Why? (optional)
              </label>
              <textarea id={`${id}-reason`} className="pw-input w-full" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              <button type="submit" className="pw-button pw-button-small mt-1">
                {round.mine ? 'Change my rating' : 'Save my rating'}
              </button>
              {round.mine ? <p className="pw-hint mt-1">You rated this “{RATING_WORDS[round.mine.value]}”.</p> : null}
            </form>
          ) : null}
          {permissions.canRun ? (
            <button
              ref={goesToHeading}
              type="button"
              className="pw-button pw-button-small"
              disabled={round.submitted === 0}
              onClick={() => void run({ op: 'round.reveal' }, 'Ratings revealed.')}
            >
              Reveal everyone’s ratings
            </button>
          ) : null}
        </>
      ) : (
        <>
          {round.summary ? (
            <p className={`mb-2 ${round.summary.agreement === 'wide' ? 'pw-findings-box' : 'pw-live'}`} data-testid="rating-agreement">
              {describeAgreement(round.summary)}
            </p>
          ) : null}
          {round.summary ? (
            <ul className="mb-2 text-sm" aria-label="How the room rated">
              {RATING_VALUES.map((v) => (
                <li key={v} className="flex items-center gap-2">
                  <span className="w-24">{RATING_WORDS[v]}</span>
                  <span aria-hidden="true" className="inline-block h-3 bg-[#005eb8]" style={{ width: `${Math.round((round.summary!.counts[v] / Math.max(1, round.summary!.count)) * 8)}rem` }} />
                  <span>{round.summary!.counts[v]}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <table className="pw-table mb-2" data-testid="revealed-ratings">
            <caption className="sr-only">Everyone’s ratings</caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Rating</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {(round.ratings ?? []).map((r) => (
                <tr key={r.userId}>
                  <td>
                    {r.name} <span className="text-xs">({r.role.replace(/_/g, ' ')})</span>
                  </td>
                  <td>{RATING_WORDS[r.value]}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {round.consensus ? (
            <p className="pw-success mb-2" data-testid="consensus">
              The room agreed: <strong>{RATING_WORDS[round.consensus.value]}</strong>. {round.consensus.reason} (recorded by {round.consensus.recordedBy})
            </p>
          ) : null}
          {permissions.canRun ? (
            <form
              className="mb-2"
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                void run({ op: 'round.consensus', value: cValue, reason: cReason }, 'The room’s rating is recorded.');
              }}
            >
              <RatingChoices name={`${id}-consensus`} legend="The room’s agreed rating" value={cValue} onChange={setCValue} />
              <label htmlFor={`${id}-creason`} className="pw-label text-sm">
                The reason the room agreed on
              </label>
              <textarea id={`${id}-creason`} className="pw-input w-full" rows={2} value={cReason} onChange={(e) => setCReason(e.target.value)} />
              <button type="submit" className="pw-button pw-button-small mt-1">
                {round.consensus ? 'Change the room’s rating' : 'Record the room’s rating'}
              </button>
            </form>
          ) : null}
        </>
      )}
      {permissions.canRun ? (
        <button ref={goesToHeading} type="button" className="pw-button pw-button-secondary pw-button-small" onClick={() => void run({ op: 'round.close' }, 'Rating round ended.')}>
          End this round
        </button>
      ) : null}
    </div>
  );
}

// The NHS error summary: "There is a problem", what went wrong, and a link to each field at fault.
// Shown at the top of a form after a refused submission; the form moves focus to it (`ref`). An error
// with no field to go to (about the whole form, or a hidden field such as the revision it was drawn
// from) is plain text: a link to something that cannot take the focus would go nowhere.
import type { Ref } from 'react';

export function ErrorSummary({
  ref,
  ...props
}: {
  /** Id of the heading, which names the summary. */
  id: string;
  /** The heading's level: h2 on a page's own form, h3 inside a section. */
  level: 2 | 3;
  message?: string;
  /** `href` is the field's id with a #; none when there is no visible field to go to. */
  errors: readonly { href?: string; message: string }[];
  className?: string;
  ref?: Ref<HTMLDivElement>;
}) {
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={props.id}
      className={`border-4 border-nhs-red bg-white p-3${props.className ? ` ${props.className}` : ''}`}
    >
      <Heading id={props.id} className="text-lg font-bold">
        There is a problem
      </Heading>
      {props.message && <p>{props.message}</p>}
      {props.errors.length > 0 && (
        <ul className="list-disc pl-5">
          {props.errors.map((e, i) => (
            <li key={i}>
              {e.href ? (
                <a href={e.href} className="font-bold text-nhs-red">
                  {e.message}
                </a>
              ) : (
                <span className="font-bold text-nhs-red">{e.message}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import type { Status } from '@/lib/scoring/types';

/** Status as an icon plus words: never colour alone (WCAG 1.4.1). */
export const STATUS_TEXT: Record<Status, string> = {
  met: 'Met',
  partly: 'Partly met',
  not_met: 'Not met',
  needs_judgement: 'Needs judgement',
};

const STYLE: Record<Status, { icon: string; className: string }> = {
  met: { icon: '✓', className: 'bg-[#e6f2ea] text-[#00401e] border-nhs-green' },
  partly: { icon: '◐', className: 'bg-[#fff4d6] text-[#6b4a00] border-nhs-warm-yellow' },
  not_met: { icon: '✗', className: 'bg-[#fbe9e7] text-[#8d1c12] border-nhs-red' },
  needs_judgement: { icon: '?', className: 'bg-nhs-grey-5 text-nhs-black border-nhs-grey-1' },
};

export function StatusLabel({ status }: { status: Status }) {
  const s = STYLE[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-2 py-0.5 text-sm font-bold ${s.className}`}>
      <span aria-hidden="true">{s.icon}</span>
      {STATUS_TEXT[status]}
    </span>
  );
}

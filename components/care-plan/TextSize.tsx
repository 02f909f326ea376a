// Large text for the person's view. The whole page scales (every size is in rem), so nothing is
// left small; the choice is a cookie read on the server. WCAG 1.4.4: text can be resized.
import { cookies } from 'next/headers';
import { setTextSizeAction } from '@/app/my-plan/actions';
import { TEXT_SIZE_COOKIE, textSizeFrom, type TextSize } from '@/lib/care-plan/text-size';

export async function currentTextSize(): Promise<TextSize> {
  return textSizeFrom((await cookies()).get(TEXT_SIZE_COOKIE)?.value);
}

/**
 * A plain <style> in the page, not a hoisted one (href and precedence): React keeps a hoisted style
 * in the head once it has been used, so choosing smaller text after bigger would change the button
 * but not the text until a reload. This one goes when the page is rendered without it.
 */
export function LargeTextStyle({ size }: { size: TextSize }) {
  if (size !== 'large') return null;
  return <style>{'html{font-size:125%}'}</style>;
}

export function TextSizeToggle({ size }: { size: TextSize }) {
  return (
    <form action={setTextSizeAction} className="no-print">
      <input type="hidden" name="size" value={size === 'large' ? 'normal' : 'large'} />
      <button
        type="submit"
        className="rounded border-2 border-nhs-blue bg-white px-3 py-1.5 font-bold text-nhs-blue hover:bg-nhs-grey-5"
      >
        {size === 'large' ? 'Make the text smaller' : 'Make the text bigger'}
      </button>
    </form>
  );
}

// The large-text option of the person's view (issue 6, §4): a cookie, so the page is drawn at the
// chosen size on the server, with no flash of small text, and it works without JavaScript.
export const TEXT_SIZE_COOKIE = 'pw-text-size';
export type TextSize = 'normal' | 'large';

export function textSizeFrom(cookieValue: string | undefined): TextSize {
  return cookieValue === 'large' ? 'large' : 'normal';
}

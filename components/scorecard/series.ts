// How the two frameworks are drawn in line charts: told apart by line style and marker shape as
// well as colour, and named at the line's end (never colour alone).
export const SERIES_STYLE: Readonly<Record<string, { colour: string; dash?: string; marker: 'circle' | 'square'; short: string }>> = {
  'rcgp-five-tests': { colour: '#005eb8', marker: 'circle', short: 'RCGP' },
  'national-voices': { colour: '#330072', dash: '6 4', marker: 'square', short: 'NV' },
};

export function seriesStyle(frameworkId: string) {
  return SERIES_STYLE[frameworkId] ?? { colour: '#212b32', dash: '2 3', marker: 'circle' as const, short: frameworkId };
}

/**
 * The pictograms of easy-reading mode, drawn as inline SVG strokes (an emoji font is not on every
 * phone). Decorative: the action's words say it all, so they are hidden from screen readers.
 */
const PATHS = {
  arrow: 'M5 12h14M13 6l6 6-6 6',
  home: 'M3 11l9-8 9 8M5 10v10h14V10',
  list: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
  bell: 'M6 16V11a6 6 0 1 1 12 0v5l2 2H4l2-2M10 21h4',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8M4 21c0-4 4-6 8-6s8 2 8 6',
  check: 'M5 13l4 4L19 7',
  save: 'M5 3h11l3 3v15H5zM8 3v6h8V3M8 21v-7h8v7',
  door: 'M14 4H6v16h8M10 12h11M18 9l3 3-3 3',
  lock: 'M6 11h12v10H6zM8 11V7a4 4 0 1 1 8 0v4',
  retry: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5',
  menu: 'M4 6h16M4 12h16M4 18h16',
  close: 'M6 6l12 12M18 6L6 18',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

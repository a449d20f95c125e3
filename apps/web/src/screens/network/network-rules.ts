/**
 * The network screens' pure rules (unit-tested in network-rules.spec.ts): the map's projection,
 * the text fields that hold lists (poles, offers), hours as a person types them, the help
 * request form's checks (the networking service's own limits), and reservations grouped by week.
 */

export interface Located {
  siteId: string;
  latitude: number | null;
  longitude: number | null;
}

export interface MapPoint {
  siteId: string;
  x: number;
  y: number;
}

/**
 * The sites with coordinates as points on a `width` × `height` drawing: an equirectangular
 * projection over the region's bounding box (longitudes shrunk by the cosine of the middle
 * latitude, so a kilometre is as long east–west as north–south), centred, with `margin` around.
 * No tile server is reachable: the points are all the map shows, the list beside it says the rest.
 */
export function projectSites(sites: readonly Located[], width: number, height: number, margin = 24): MapPoint[] {
  const placed = sites.filter((site): site is Located & { latitude: number; longitude: number } => site.latitude !== null && site.longitude !== null);
  if (placed.length === 0) return [];
  const lats = placed.map((site) => site.latitude);
  const lons = placed.map((site) => site.longitude);
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  const [west, east] = [Math.min(...lons), Math.max(...lons)];
  const shrink = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = (east - west) * shrink;
  const spanY = north - south;
  const innerWidth = width - 2 * margin;
  const innerHeight = height - 2 * margin;
  // One site, or all at one place: the middle of the drawing.
  const scale = spanX === 0 && spanY === 0 ? 0 : Math.min(spanX === 0 ? Infinity : innerWidth / spanX, spanY === 0 ? Infinity : innerHeight / spanY);
  const offsetX = margin + (innerWidth - spanX * scale) / 2;
  const offsetY = margin + (innerHeight - spanY * scale) / 2;
  return placed.map((site) => ({
    siteId: site.siteId,
    x: round(offsetX + (site.longitude - west) * shrink * scale),
    y: round(offsetY + (north - site.latitude) * scale),
  }));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export interface NamedEntry {
  name: string;
  description: string;
}

/** One entry a line, "name : description" or just the name (a pole, an offer); blank lines left out. */
export function linesToEntries(text: string): NamedEntry[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      if (colon < 0) return { name: line, description: '' };
      return { name: line.slice(0, colon).trim(), description: line.slice(colon + 1).trim() };
    });
}

/** The reverse of linesToEntries, to fill the field with what is saved. */
export function entriesToLines(entries: readonly NamedEntry[]): string {
  return entries.map((entry) => (entry.description ? `${entry.name} : ${entry.description}` : entry.name)).join('\n');
}

/** Comma- or line-separated words (skills), trimmed, without blanks or repeats. */
export function wordsOf(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[,\n]/)
    .map((word) => word.trim())
    .filter((word) => word !== '' && !seen.has(word.toLowerCase()) && (seen.add(word.toLowerCase()), true));
}

/**
 * Hours as typed ("2,5", "2.5", " 7 ") → the API's decimal string ("2.5"), or null when it is not
 * a number above 0 with at most two decimals, at most `max`.
 */
export function parseHours(text: string, max = 10_000): string | null {
  const value = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return null;
  const hours = Number(value);
  if (hours <= 0 || hours > max) return null;
  return value.replace(/^0+(?=\d)/, '');
}

/** A latitude or longitude as typed ("50,69") → a number within its range, or null. */
export function parseCoordinate(text: string, limit: 90 | 180): number | null {
  const value = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  const number = Number(value);
  return Math.abs(number) <= limit ? number : null;
}

export interface HelpDraft {
  title: string;
  skills: string;
  startsOn: string;
  endsOn: string;
  place: string;
  peopleNeeded: string;
  hoursNeeded: string;
  returnKind: 'reciprocity' | 'paid';
  amountPerHour: string;
}

export type HelpProblem = 'title' | 'startsOn' | 'endsOn' | 'place' | 'need' | 'peopleNeeded' | 'hoursNeeded' | 'amountPerHour' | 'skills';

/** What to fix before sending a help request (the service checks the same and more). */
export function helpProblems(draft: HelpDraft, today: string): Partial<Record<HelpProblem, true>> {
  const problems: Partial<Record<HelpProblem, true>> = {};
  const title = draft.title.trim();
  if (title.length < 3 || title.length > 120) problems.title = true;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.startsOn)) problems.startsOn = true;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.endsOn) || draft.endsOn < draft.startsOn || draft.endsOn < today) problems.endsOn = true;
  if (draft.place.trim() === '') problems.place = true;
  const people = draft.peopleNeeded.trim();
  const hours = draft.hoursNeeded.trim();
  if (people === '' && hours === '') problems.need = true;
  if (people !== '' && !(/^\d+$/.test(people) && Number(people) >= 1 && Number(people) <= 100)) problems.peopleNeeded = true;
  if (hours !== '' && parseHours(hours) === null) problems.hoursNeeded = true;
  if (draft.returnKind === 'paid' && !/^\d+([.,]\d{1,2})?$/.test(draft.amountPerHour.trim())) problems.amountPerHour = true;
  const skills = wordsOf(draft.skills);
  if (skills.length > 20 || skills.some((skill) => skill.length > 60)) problems.skills = true;
  return problems;
}

export interface Ranged {
  id: string;
  startsAt: string;
}

/** The Monday (YYYY-MM-DD, local calendar) of the week of a day. */
export function mondayOf(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const at = new Date(Date.UTC(year, month - 1, date));
  const shift = (at.getUTCDay() + 6) % 7;
  at.setUTCDate(at.getUTCDate() - shift);
  return at.toISOString().slice(0, 10);
}

/**
 * Reservations as a list by week (the accessible calendar): weeks in order, each with its
 * reservations by start. `dayOf` turns an instant into the day a person reads (their time zone).
 */
export function byWeek<T extends Ranged>(items: readonly T[], dayOf: (instant: string) => string): { monday: string; items: T[] }[] {
  const weeks = new Map<string, T[]>();
  for (const item of [...items].sort((one, other) => one.startsAt.localeCompare(other.startsAt))) {
    const monday = mondayOf(dayOf(item.startsAt));
    weeks.set(monday, [...(weeks.get(monday) ?? []), item]);
  }
  return [...weeks.entries()].sort(([one], [other]) => one.localeCompare(other)).map(([monday, list]) => ({ monday, items: list }));
}

/** A day and a time typed in the browser (its time zone) → an instant with its zone, for the API. */
export function instantOf(day: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const at = new Date(`${day}T${time}:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The day (YYYY-MM-DD) of an instant in the browser's time zone. */
export function localDay(instant: string): string {
  const at = new Date(instant);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The time (HH:MM) of an instant in the browser's time zone. */
export function localTime(instant: string): string {
  const at = new Date(instant);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/** A balance's sign for the board: given more than received, less, or even (never a debt, a contribution). */
export function balanceTone(balance: string): 'gave-more' | 'received-more' | 'even' {
  const value = Number(balance);
  if (value > 0) return 'gave-more';
  if (value < 0) return 'received-more';
  return 'even';
}

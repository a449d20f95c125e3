/**
 * How a due date reads: "avant le 16 sept." is an instruction only while that day is ahead; once it
 * has passed the sentence says since when the thing is late instead ("depuis le 16 sept."), so a
 * coordinator or a member does not read an order to do something before a day already gone.
 */
export function dueIsPast(dueOn: string, today: string): boolean {
  // Both are YYYY-MM-DD: the string order is the calendar order.
  return dueOn < today;
}

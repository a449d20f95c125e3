'use strict';

/**
 * Calendar days for the demo, relative to today in Paris, so the region always looks current.
 * Dates are `YYYY-MM-DD` strings; arithmetic runs on UTC midnights, which has no DST to trip on.
 */

function todayInParis(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function toDate(day) {
  return new Date(`${day}T00:00:00Z`);
}

function format(date) {
  return date.toISOString().slice(0, 10);
}

function addDays(day, days) {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return format(date);
}

/** Same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
function addMonths(day, months) {
  const date = toDate(day);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return format(target);
}

function firstOfMonth(day) {
  return `${day.slice(0, 7)}-01`;
}

function endOfMonth(day) {
  return addDays(addMonths(firstOfMonth(day), 1), -1);
}

/** The later of two days. */
function latest(a, b) {
  return a > b ? a : b;
}

/** An instant on `day` at `hour` (Paris, winter offset: close enough for a demo), never in the future. */
function instantOn(day, hour = 10) {
  const instant = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+01:00`);
  const aMinuteAgo = new Date(Date.now() - 60_000);
  return (instant > aMinuteAgo ? aMinuteAgo : instant).toISOString();
}

module.exports = { todayInParis, addDays, addMonths, firstOfMonth, endOfMonth, latest, instantOn };

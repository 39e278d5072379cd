/**
 * Business-calendar throughput: 100,000 × addWorkingDays(date, 20) over start dates spread across 2005–2025,
 * beside the same count through chinese-days' own findWorkday (the peer), and the full deadline path
 * (computeDeadline, readClock) that the engine's timers use. Run: npx tsx bench/calendar.ts
 */
import chineseDays from 'chinese-days';
import { calendarFromLayers, computeDeadline, formatDayNumber, parseIsoDate, readClock, type ClockInput } from '../engine/time/index.js';

const CALLS = 100_000;
const calendar = calendarFromLayers();
const first = parseIsoDate('2005-01-01');
const span = parseIsoDate('2025-12-01') - first;
const dates = Array.from({ length: CALLS }, (_, index) => formatDayNumber(first + ((index * 7919) % span)));

function time(label: string, calls: number, run: () => void): number {
  run(); // warm-up
  const started = performance.now();
  run();
  const ms = performance.now() - started;
  console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1000) / calls).toFixed(2).padStart(7)} µs/call`);
  return ms;
}

let sink = 0;
time(`BusinessCalendar.addWorkingDays(date, 20) × ${CALLS}`, CALLS, () => {
  for (const date of dates) sink += calendar.addWorkingDays(date, 20).length;
});
time(`BusinessCalendar.addWorkingDayNumbers(day, 20) × ${CALLS}`, CALLS, () => {
  for (const date of dates) sink += calendar.addWorkingDayNumbers(parseIsoDate(date), 20);
});
const peerCalls = CALLS / 10;
time(`chinese-days findWorkday(20, date) × ${peerCalls} (peer)`, peerCalls, () => {
  for (let index = 0; index < peerCalls; index++) sink += chineseDays.findWorkday(20, dates[index]).length;
});
const inputs: ClockInput[] = dates.slice(0, CALLS / 10).map((date) => ({
  start: new Date(`${date}T10:00:00+08:00`),
  duration: { kind: 'workingDays', days: 20 },
  pauses: [{ from: new Date(`${date}T15:00:00+08:00`), to: new Date(new Date(`${date}T09:00:00+08:00`).getTime() + 5 * 86_400_000) }],
}));
time(`computeDeadline(20 working days, one pause) × ${inputs.length}`, inputs.length, () => {
  for (const input of inputs) sink += computeDeadline(calendar, input).ok ? 1 : 0;
});
time(`readClock(20 working days, one pause) × ${inputs.length}`, inputs.length, () => {
  for (const input of inputs) sink += readClock(calendar, input, new Date(input.start.getTime() + 12 * 86_400_000)).ok ? 1 : 0;
});
time('BusinessCalendar build (official data + overrides)', 1, () => {
  sink += calendarFromLayers({ overrides: [{ date: '2025-07-21', kind: 'holiday', name: '台风停工', reason: 'bench' }] }).years().length;
});
console.log(`(checksum ${sink})`);

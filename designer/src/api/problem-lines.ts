import { pickLanguage } from '../i18n/index.js';
import { ApiProblem } from './client.js';

/** What went wrong, in the user's language: the problem's title and detail, then each error it lists. */
export function problemLines(error: unknown): string[] {
  if (!(error instanceof ApiProblem)) return [String(error instanceof Error ? error.message : error)];
  const lines = [error.describe()];
  for (const entry of error.problem.errors ?? []) {
    const message = pickLanguage(entry.message, entry.messageZh);
    if (message && !lines.includes(message)) lines.push(message);
  }
  return lines;
}

import type { Engine, HistoryRow } from '../engine/index.js';
import { nameBook, type NameBook } from './names.js';

/** Strings an entry's data mentions (two levels deep): the candidates for people, departments and steps. */
function mentioned(data: unknown, depth = 0, into: Set<string> = new Set()): Set<string> {
  if (typeof data === 'string') {
    if (data.length > 0 && data.length <= 100) into.add(data);
    // Ids a message quotes (“Task_Accept”, 'Flow_1'): the trail shows their names instead.
    for (const quoted of data.matchAll(/[“']([^”'\s]{1,100})[”']/g)) into.add(quoted[1]);
  } else if (Array.isArray(data)) {
    if (depth < 2) for (const item of data.slice(0, 50)) mentioned(item, depth + 1, into);
  } else if (data && typeof data === 'object' && depth < 2) {
    for (const value of Object.values(data)) mentioned(value, depth + 1, into);
  }
  return into;
}

export interface TrailNames {
  book: NameBook;
  /** The names of what one entry's data mentions: people, departments and units, steps. */
  namesOf(row: HistoryRow): Record<string, string>;
}

/**
 * Names for a page of the trail, so that a clerk reads 李明, 市场监督管理局 and 受理 where the data holds
 * li.ming, SCJGJ and Task_Accept: one query for the people; departments and steps are in memory.
 */
export async function trailNames(engine: Engine, definitionId: string, rows: readonly HistoryRow[]): Promise<TrailNames> {
  // What each entry mentions, read once: the book is looked up for all of them, the names given per entry.
  const mentions = new Map(rows.map((row) => [row, mentioned(row.data)]));
  const book = await nameBook(engine.staff, [...rows.map((row) => row.actor), ...[...mentions.values()].flatMap((strings) => [...strings])]);
  const elements = await engine.elementInfo(definitionId).catch(() => new Map<string, { name?: string; kind: string }>());
  return {
    book,
    namesOf(row) {
      const names: Record<string, string> = {};
      const candidates = new Set(mentions.get(row) ?? mentioned(row.data));
      // Entries written without the step's name (SLA clocks) are named from the model.
      if (row.element_id && !row.element_name) candidates.add(row.element_id);
      for (const value of candidates) {
        const name = book.user(value) ?? book.department(value) ?? elements.get(value)?.name ?? null;
        if (name && name !== value) names[value] = name;
      }
      return names;
    },
  };
}

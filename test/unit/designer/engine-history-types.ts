import fs from 'node:fs';
import path from 'node:path';

/**
 * Every history event type the engine writes, read from its source: the HistoryEventType and
 * SlaEventType unions, `record(…{ type: '…' })` / `history({ type: '…' })` calls, recordTaskEvent's
 * type argument and literal types in `INSERT INTO history` statements. A new writer in one of these
 * shapes is found without anyone having to remember the trail's names.
 */
export function engineHistoryTypes(root = path.resolve('engine')): Map<string, string> {
  const found = new Map<string, string>();
  const add = (type: string, file: string) => {
    if (!found.has(type)) found.set(type, path.relative(process.cwd(), file));
  };
  for (const file of sourceFiles(root)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const union of text.matchAll(/export type (?:HistoryEventType|SlaEventType) =([^;]+);/g)) {
      for (const member of union[1].matchAll(/\|\s*'([\w.]+)'/g)) add(member[1], file);
    }
    for (const call of text.matchAll(/\b(?:record|history)\((?:[^(){}]*,\s*)?\{\s*type:\s*'([\w.]+)'/g)) add(call[1], file);
    for (const call of text.matchAll(/recordTaskEvent\([^,()]+,\s*[^,()]+,\s*'([\w.]+)'/g)) add(call[1], file);
    for (const insert of text.matchAll(/INSERT INTO history\b[^`]*/g)) {
      for (const literal of insert[0].matchAll(/'([a-zA-Z]+\.[\w.]+)'/g)) add(literal[1], file);
    }
  }
  return found;
}

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

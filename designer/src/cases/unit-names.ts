import { fetchAll } from '../app/paged-list.js';
import { departments } from '../staff/staff-directory.js';
import { isUnitVariable } from './case-values.js';

let known: Promise<Map<string, string>> | null = null;

/**
 * Every unit's name by its code: the departments tasks route to (GAJ) and the catalog's organisations,
 * which include the bureaus' town branches a case is handled by (GAJ-441900121 东莞市公安局虎门分局).
 * Read once per page load; a list that cannot be read adds no names (the codes stay).
 */
export function unitNames(): Promise<Map<string, string>> {
  known ??= Promise.all([
    departments().catch(() => []),
    fetchAll<{ code: string; name: string }>('/catalog/organisations').catch(() => []),
  ]).then(([routed, organisations]) => new Map([...organisations, ...routed].map((unit) => [unit.code, unit.name])));
  return known;
}

/**
 * Replaces the unit codes shown in `container` (`dd[data-variable]` of every unit-valued variable:
 * acceptingUnit, handlingUnit, responsibleUnit…) with the units' names, once they are known; a code
 * nobody knows stays as it is, with the code kept as the cell's title.
 */
export async function nameUnits(container: HTMLElement): Promise<void> {
  const cells = [...container.querySelectorAll<HTMLElement>('dd[data-variable]')].filter((cell) => isUnitVariable(cell.dataset.variable ?? ''));
  if (!cells.length) return;
  const names = await unitNames();
  for (const cell of cells) {
    const name = names.get(cell.textContent?.trim() ?? '');
    if (name) {
      cell.title = cell.textContent ?? '';
      cell.textContent = name;
    }
  }
}

import { departments } from '../staff/staff-directory.js';

/** Case data that holds an organisation's code (the catalog's units): shown by the unit's name. */
const UNIT_VARIABLES = ['acceptingUnit', 'handlingUnit', 'implementingUnit', 'jurisdictionUnit'];

/**
 * Replaces the unit codes shown in `container` (`dd[data-variable]` of the variables above) with the
 * units' names from the staff directory, once it has answered; a code it does not know stays as it is.
 */
export async function nameUnits(container: HTMLElement): Promise<void> {
  const cells = UNIT_VARIABLES.flatMap((name) => [...container.querySelectorAll<HTMLElement>(`dd[data-variable="${name}"]`)]);
  if (!cells.length) return;
  const names = new Map((await departments().catch(() => [])).map((department) => [department.code, department.name]));
  for (const cell of cells) {
    const name = names.get(cell.textContent?.trim() ?? '');
    if (name) {
      cell.title = cell.textContent ?? '';
      cell.textContent = name;
    }
  }
}

import type { Db } from '../../engine/index.js';
import type { Matter } from '../model.js';
import { latestPublishSeq } from '../store/batch-store.js';
import { matterRegionsOn } from '../store/matter-regions.js';
import { allOrganisationNames } from '../store/organisations.js';
import { regionParents } from '../store/regions.js';
import { snapshot } from '../store/version-store.js';
import { MatterSearchIndex } from './search-index.js';

/**
 * Keeps one search index per (date, catalog generation). The generation is the last publish
 * sequence: any process sharing the database notices a publish elsewhere within `checkEveryMs`
 * and rebuilds from the database, so no process needs to be told.
 */
export class CatalogSearch {
  private readonly indexes = new Map<string, Promise<MatterSearchIndex>>();
  private generation = -1;
  private checkedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly checkEveryMs = 1000,
  ) {}

  /** Forget every index now (after a publish in this process). */
  invalidate(): void {
    this.indexes.clear();
    this.checkedAt = 0;
  }

  async index(date: string): Promise<MatterSearchIndex> {
    const now = Date.now();
    if (now - this.checkedAt >= this.checkEveryMs) {
      this.checkedAt = now;
      const generation = await latestPublishSeq(this.db);
      if (generation !== this.generation) {
        this.generation = generation;
        this.indexes.clear();
      }
    }
    let index = this.indexes.get(date);
    if (!index) {
      // Past dates are asked for now and then; keep a few, the current one always rebuilt first.
      if (this.indexes.size >= 4) this.indexes.delete(this.indexes.keys().next().value as string);
      index = this.build(date);
      this.indexes.set(date, index);
      index.catch(() => this.indexes.delete(date));
    }
    return index;
  }

  private async build(date: string): Promise<MatterSearchIndex> {
    const [matters, impls, regions, organisations] = await Promise.all([
      snapshot<Matter>(this.db, 'matter', { date }),
      matterRegionsOn(this.db, date),
      regionParents(this.db),
      allOrganisationNames(this.db),
    ]);
    return new MatterSearchIndex({
      matters: [...matters.values()],
      impls,
      regionParents: new Map(regions.map((row) => [row.code, row.parent_code ?? undefined])),
      organisationNames: new Map(organisations.map((row) => [row.code, row.name])),
    });
  }
}


import fs from 'node:fs';
import { fromProjectRoot, type Actor, type Db, type Engine } from '../engine/index.js';
import { Catalog } from './catalog.js';
import type { BatchItem, Bundle, CategoryNode, Matter, MatterImpl, Organisation, Region } from './model.js';
import { deleteStaleDrafts, sourcePublished } from './store/batch-sources.js';
import { deleteBatch } from './store/batch-store.js';

export interface SampleCatalog {
  organisations: Organisation[];
  regions: Region[];
  classifications: CategoryNode[];
  matters: Matter[];
  implementations: MatterImpl[];
  bundles: Bundle[];
}

export const SAMPLE_BATCH_SOURCE = 'sample';
/** The 一件事 bundles come in a batch of their own, so that a catalog loaded before they existed gets them too. */
export const SAMPLE_BUNDLES_SOURCE = 'sample-bundles';

const read = <T>(file: string, key: string): T[] => {
  const parsed = JSON.parse(fs.readFileSync(fromProjectRoot('catalog', 'sample', file), 'utf8')) as Record<string, unknown>;
  const list = parsed[key];
  if (!Array.isArray(list)) throw new Error(`catalog/sample/${file} has no '${key}' list`);
  return list as T[];
};

/** The sample catalog shipped in catalog/sample/ (see its README for what is real and what illustrative). */
export function readSampleCatalog(): SampleCatalog {
  return {
    organisations: read<Organisation>('departments.json', 'organisations'),
    regions: read<Region>('regions.json', 'regions'),
    classifications: read<CategoryNode>('classifications.json', 'nodes'),
    matters: read<Matter>('matters.json', 'matters'),
    implementations: read<MatterImpl>('implementations.json', 'implementations'),
    bundles: read<Bundle>('bundles.json', 'bundles'),
  };
}

export interface SampleLoadResult {
  loaded: boolean;
  matters: number;
  implementations: number;
  bundles: number;
  ms: number;
}

/**
 * Imports catalog/sample/* as the first published batch. Idempotent: when a sample batch is
 * already published it does nothing, so `npm start` may call it on every start.
 */
export async function loadSampleCatalog(db: Db, engine: Engine, sample: SampleCatalog = readSampleCatalog()): Promise<SampleLoadResult> {
  const started = Date.now();
  const catalog = new Catalog(db, engine);
  const effectiveDate = sample.matters.map((matter) => matter.effectiveFrom ?? '2025-01-01').sort()[0] ?? '2025-01-01';
  const loaded = await publishOnce(db, catalog, SAMPLE_BATCH_SOURCE, {
    name: '示例事项目录（首批）',
    reason: 'Matterflow 示例数据：东莞市事项基本目录与实施清单 (sample catalog)',
    effectiveDate,
    before: () => catalog.writeReferenceData(sample),
    items: [
      ...sample.matters.map((matter): BatchItem => ({ entity: 'matter', action: 'add', code: matter.code, document: matter })),
      ...sample.implementations.map((impl): BatchItem => ({ entity: 'implementation', action: 'add', code: impl.implCode, document: impl })),
    ],
  });
  const bundlesLoaded = await publishOnce(db, catalog, SAMPLE_BUNDLES_SOURCE, {
    name: '示例一件事清单',
    reason: 'Matterflow 示例数据：高效办成一件事 (sample 一件事 bundles)',
    effectiveDate,
    items: sample.bundles.map((bundle): BatchItem => ({ entity: 'bundle', action: 'add', code: bundle.code, document: bundle })),
  });
  // A database from before the staff directory existed has the organisations but not the directory.
  if (!loaded) await catalog.syncStaffDirectory();
  return {
    loaded: loaded || bundlesLoaded,
    matters: loaded ? sample.matters.length : 0,
    implementations: loaded ? sample.implementations.length : 0,
    bundles: bundlesLoaded ? sample.bundles.length : 0,
    ms: Date.now() - started,
  };
}

/**
 * Publishes a sample batch unless one from the same source is already published: `npm start`
 * may call it on every start, and two processes starting at once publish it once.
 */
async function publishOnce(
  db: Db,
  catalog: Catalog,
  source: string,
  batch: { name: string; reason: string; effectiveDate: string; items: BatchItem[]; before?: () => Promise<void> },
): Promise<boolean> {
  const published = () => sourcePublished(db, source);
  if (batch.items.length === 0 || (await published())) return false;
  const actor: Actor = { userId: 'system', department: 'ZSJ', roles: ['catalog-admin'] };
  // Drafts left by a start that crashed long ago; a recent one may belong to a process loading right now.
  await deleteStaleDrafts(db, source);
  let batchId: string | undefined;
  try {
    await batch.before?.();
    const draft = await catalog.createBatch(actor, { name: batch.name, reason: batch.reason, effectiveDate: batch.effectiveDate, items: batch.items, source });
    batchId = draft.id;
    await catalog.publishBatch(actor, draft.id);
    return true;
  } catch (error) {
    if (batchId) await deleteBatch(db, batchId);
    // Two processes started at once against one server: the other one published first.
    if (await published()) return false;
    throw error;
  }
}

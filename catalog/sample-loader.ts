import fs from 'node:fs';
import { fromProjectRoot, type Actor, type Db, type Engine } from '../engine/index.js';
import { Catalog } from './catalog.js';
import type { BatchItem, CategoryNode, Matter, MatterImpl, Organisation, Region } from './model.js';

export interface SampleCatalog {
  organisations: Organisation[];
  regions: Region[];
  classifications: CategoryNode[];
  matters: Matter[];
  implementations: MatterImpl[];
}

export const SAMPLE_BATCH_SOURCE = 'sample';

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
  };
}

export interface SampleLoadResult {
  loaded: boolean;
  matters: number;
  implementations: number;
  ms: number;
}

/**
 * Imports catalog/sample/* as the first published batch. Idempotent: when a sample batch is
 * already published it does nothing, so `npm start` may call it on every start.
 */
export async function loadSampleCatalog(db: Db, engine: Engine, sample: SampleCatalog = readSampleCatalog()): Promise<SampleLoadResult> {
  const started = Date.now();
  const notLoaded = { loaded: false, matters: 0, implementations: 0 };
  const alreadyLoaded = async () =>
    (await db.query<{ loaded: boolean }>("SELECT EXISTS (SELECT 1 FROM catalog_batches WHERE source = $1 AND status = 'published') AS loaded", [SAMPLE_BATCH_SOURCE]))[0].loaded;
  if (await alreadyLoaded()) return { ...notLoaded, ms: Date.now() - started };
  const catalog = new Catalog(db, engine);
  const actor: Actor = { userId: 'system', department: 'ZSJ', roles: ['catalog-admin'] };
  const items: BatchItem[] = [
    ...sample.matters.map((matter): BatchItem => ({ entity: 'matter', action: 'add', code: matter.code, document: matter })),
    ...sample.implementations.map((impl): BatchItem => ({ entity: 'implementation', action: 'add', code: impl.implCode, document: impl })),
  ];
  const effectiveDate = sample.matters.map((matter) => matter.effectiveFrom ?? '2025-01-01').sort()[0] ?? '2025-01-01';
  // Drafts left by a start that crashed long ago; a recent one may belong to a process loading right now.
  await db.query("DELETE FROM catalog_batches WHERE source = $1 AND status = 'draft' AND created_at < now() - interval '1 hour'", [SAMPLE_BATCH_SOURCE]);
  let batchId: string | undefined;
  try {
    await catalog.writeReferenceData(sample);
    const batch = await catalog.createBatch(actor, {
      name: '示例事项目录（首批）',
      reason: 'Matterflow 示例数据：东莞市事项基本目录与实施清单 (sample catalog)',
      effectiveDate,
      items,
      source: SAMPLE_BATCH_SOURCE,
    });
    batchId = batch.id;
    await catalog.publishBatch(actor, batch.id);
  } catch (error) {
    if (batchId) await db.query("DELETE FROM catalog_batches WHERE id = $1 AND status = 'draft'", [batchId]);
    // Two processes started at once against one server: the other one published first.
    if (await alreadyLoaded()) return { ...notLoaded, ms: Date.now() - started };
    throw error;
  }
  return { loaded: true, matters: sample.matters.length, implementations: sample.implementations.length, ms: Date.now() - started };
}

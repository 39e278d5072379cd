// The sample catalog against the catalog's own contract: every record validates with the JSON Schemas in
// catalog/schemas and passes the reference checks the catalog applies before writing anything.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CategoryNodeSchema, MatterImplSchema, MatterSchema, OrganisationSchema, RegionSchema } from '../../catalog/schemas/index.js';
import { schemaIssues } from '../../catalog/validation/schema-validator.js';
import { classificationIssues, implReferenceIssues, matterReferenceIssues, type CatalogReferences } from '../../catalog/validation/references.js';
import type { CategoryNode, Matter, MatterImpl, Organisation, Region } from '../../catalog/model.js';

const sampleDir = join(dirname(fileURLToPath(import.meta.url)), '../../catalog/sample');
const load = <T>(file: string, key: string): T[] => (JSON.parse(readFileSync(join(sampleDir, file), 'utf8')) as Record<string, T[]>)[key];

const matters = load<Matter>('matters.json', 'matters');
const implementations = load<MatterImpl>('implementations.json', 'implementations');
const organisations = load<Organisation>('departments.json', 'organisations');
const regions = load<Region>('regions.json', 'regions');
const nodes = load<CategoryNode>('classifications.json', 'nodes');

const references: CatalogReferences = {
  organisations: new Map(organisations.map((o) => [o.code, o])),
  regions: new Map(regions.map((r) => [r.code, r])),
  nodes: new Map(nodes.map((n) => [`${n.scheme}:${n.code}`, n])),
};

/** The first few issues, readable in a failure message. */
const first = (issues: unknown[]) => issues.slice(0, 5);

describe('sample catalog against catalog/schemas', () => {
  it('every matter validates against MatterSchema', () => {
    expect(first(matters.flatMap((m) => schemaIssues(MatterSchema, m, m.code)))).toEqual([]);
  });

  it('every implementation entry validates against MatterImplSchema', () => {
    expect(first(implementations.flatMap((i) => schemaIssues(MatterImplSchema, i, i.implCode)))).toEqual([]);
  });

  it('every organisation, region and classification node validates against its schema', () => {
    expect(first([
      ...organisations.flatMap((o) => schemaIssues(OrganisationSchema, o, o.code)),
      ...regions.flatMap((r) => schemaIssues(RegionSchema, r, r.code)),
      ...nodes.flatMap((n) => schemaIssues(CategoryNodeSchema, n, n.code)),
    ])).toEqual([]);
  });

  it('passes the catalog reference checks: departments, classification paths, regions inside the city, units', () => {
    const codes = new Set(matters.map((m) => m.code));
    expect(first([
      ...classificationIssues(nodes),
      ...matters.flatMap((m) => matterReferenceIssues(m, references)),
      ...implementations.flatMap((i) => implReferenceIssues(i, references, (code) => codes.has(code))),
    ])).toEqual([]);
  });
});

import type { CatalogEntity } from '../model.js';

/** Where each versioned entity lives; they share one shape, so one set of queries serves them all. */
export interface VersionTable {
  table: 'catalog_matter_versions' | 'catalog_impl_versions' | 'catalog_bundle_versions';
  key: 'code' | 'impl_code';
  /** Columns extracted from the document for filtering, as SQL over a jsonb `d`. */
  extracted: Record<string, string>;
}

export const VERSION_TABLES: Record<CatalogEntity, VersionTable> = {
  matter: {
    table: 'catalog_matter_versions',
    key: 'code',
    extracted: { name: "d->>'name'", matter_type: "d->>'matterType'", department: "d->>'competentDept'" },
  },
  implementation: {
    table: 'catalog_impl_versions',
    key: 'impl_code',
    extracted: { matter_code: "d->>'matterCode'", region_code: "d->>'regionCode'", implementing_unit: "d->>'implementingUnit'" },
  },
  bundle: {
    table: 'catalog_bundle_versions',
    key: 'code',
    extracted: { name: "d->>'name'", department: "d->>'leadDept'" },
  },
};

/** The rows valid on a date, abolished ones excluded; `$n` is the date parameter. */
export const validOn = (n: number, alias = 'v') =>
  `${alias}.valid_from <= $${n}::date AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > $${n}::date) AND ${alias}.status <> 'abolished'`;

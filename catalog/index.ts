/** The matter catalog's public face (事项目录): what api/ may use. */
export { Catalog, type CatalogDiffs, type ClassificationTreeNode, type ReferenceData } from './catalog.js';
export { catalogMigrations } from './migrations.js';
export { loadSampleCatalog, readSampleCatalog, type SampleCatalog, type SampleLoadResult } from './sample-loader.js';
export { CatalogError, type CatalogIssue } from './validation/catalog-error.js';
export type { CatalogDiff, EntryChange } from './diff.js';
export type { MatterSummary, SearchQuery } from './search/search-index.js';
export type { CatalogPoint, Versioned } from './store/version-store.js';
export * from './model.js';
export * from './schemas/index.js';
export { fillTemplate, isoDuration, templateByKey, TEMPLATES, templateFor, type ProcessTemplate } from './binding/process-templates.js';
export { putBinding, bindingsOf, removeBinding, type ProcessBinding } from './binding/bindings.js';
export { startCase, type CaseRequest, type StartedCase } from './binding/start-case.js';
export { writeCsv, writeXlsx } from './io/table-file.js';
export { exportFile, importFile, templateFile, type ExportRequest, type ExportedFile, type FileFormat, type ImportRequest, type ImportResult } from './io/catalog-io.js';
export { IMPL_COLUMNS, MATTER_COLUMNS } from './io/columns.js';
export { bundleProcessId, bundleProcessXml, type BundleProcessInput } from './bundles/bundle-process.js';
export { generatedFlow, startBundleCase, type BundleCaseRequest, type StartedBundleCase } from './bundles/start-bundle-case.js';
export { dependencyCycle } from './validation/bundle-references.js';

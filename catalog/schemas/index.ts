export { BatchItemSchema, BatchSchema } from './batch.js';
export { BundleSchema } from './bundle.js';
export { DurationSchema } from './duration.js';
export type { JsonSchema } from './json-schema.js';
export { LegalRefSchema } from './legal-ref.js';
export { MaterialSchema } from './material.js';
export { MatterImplSchema, MatterSchema } from './matter.js';
export { OperatingStandardSchema } from './operating-standard.js';
export { CategoryNodeSchema, OrganisationSchema, RegionSchema } from './reference.js';

import fs from 'node:fs';
import { fromProjectRoot } from '../paths.js';
import type { CatalogDuration } from '../time/index.js';

/** How far a limit may be extended (延期): how often, by how much in total, and the rule that says so. */
export interface ExtensionAllowance {
  maxCount: number;
  max: CatalogDuration | string;
  basis: string;
  /** The post (岗位) of the case's department that grants a 延期申请 (default 审批负责人). */
  approverPost?: string;
}

/** Default limits for a kind of case (12345 诉求类型, 行政许可, …), with the rule they come from. */
export interface SlaProfile {
  id: string;
  name: string;
  statutory?: CatalogDuration;
  committed?: CatalogDuration;
  /** First contact with the applicant (首次联系), usually in hours. */
  response?: CatalogDuration;
  warnAt?: number;
  extension?: ExtensionAllowance | null;
  source: string;
}

export const SLA_PROFILES_FILE = fromProjectRoot('engine', 'sla', 'data', 'sla-profiles.json');

let loaded: ReadonlyMap<string, SlaProfile> | undefined;

/** The bundled profiles by id (engine/sla/data/sla-profiles.json, sources in its README). */
export function slaProfiles(): ReadonlyMap<string, SlaProfile> {
  if (!loaded) {
    const file = JSON.parse(fs.readFileSync(SLA_PROFILES_FILE, 'utf8')) as { profiles: SlaProfile[] };
    loaded = new Map(file.profiles.map((profile) => [profile.id, profile]));
  }
  return loaded;
}

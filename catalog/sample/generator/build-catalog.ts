// Builds every sample file in memory, so that generate.ts can write them and a test can check that
// the committed JSON is what the tables produce.
import { cityOrgs } from './departments.js';
import { LAWS } from './laws.js';
import { buildRegions, readTowns, townOrgs } from './regions.js';
import { APPEAL_TYPES, SchemeBuilder, buildLifecycle, buildTree, type TreeNode } from './classifications.js';
import { CITYMGMT_TREE, HOTLINE_TREE } from './trees.js';
import { buildBaseMatters } from './build-matters.js';
import { cityMgmtMatters, hotlineMatters, HOTLINE_SLA } from './engine-matters.js';
import { buildImplementations } from './implementations.js';
import { buildGovernTree, governMatters } from './govern-events.js';
import { GOVERN_TREE } from './govern-tree.js';
import { MARKET_POLICE_SOCIAL } from './table-market-police-social.js';
import { LAND_BUILD_ENV } from './table-land-build-env.js';
import { HEALTH_CIVIL_EDU } from './table-health-civil-edu.js';
import { ECONOMY_CULTURE_SAFETY } from './table-economy-culture-safety.js';
import type { CategoryNode } from './types.js';

export const NOTE = 'Matterflow 示例数据（sample data）：部门名称、法律法规名称、行政区划为真实信息；编码、承诺时限、材料细节、村社与网格为示例。见 README.md。';

// The handling department and limit of a tree node live on the engine-only matters, not on the node.
const plain = (n: TreeNode): CategoryNode => ({
  code: n.code, name: n.name, level: n.level, parentCode: n.parentCode, scheme: n.scheme, sortNo: n.sortNo, aliases: n.aliases,
});

/** File name → file body (without the note). */
export function buildCatalog(townsCsvPath: string): Record<string, object> {
  const towns = readTowns(townsCsvPath);
  const { regions, villageOrgs } = buildRegions(towns);
  const dept = new SchemeBuilder('DEPT');
  const lifecycle = buildLifecycle();
  const hotline = buildTree('HOTLINE', HOTLINE_TREE);
  const citymgmt = buildTree('CITYMGMT', CITYMGMT_TREE);
  const base = buildBaseMatters([...MARKET_POLICE_SOCIAL, ...LAND_BUILD_ENV, ...HEALTH_CIVIL_EDU, ...ECONOMY_CULTURE_SAFETY], { dept, lifecycle });
  const govern = buildGovernTree(GOVERN_TREE);
  const matters = [...base, ...hotlineMatters(hotline), ...cityMgmtMatters(citymgmt), ...governMatters(govern)];
  return {
    'departments.json': { organisations: [...cityOrgs(), ...townOrgs(towns), ...villageOrgs] },
    'laws.json': { laws: Object.values(LAWS) },
    'regions.json': { regions },
    'classifications.json': {
      schemes: [
        { scheme: 'DEPT', name: '部门职能分类', levels: ['领域', '子领域', '事项类型', '事项'] },
        { scheme: 'LIFECYCLE', name: '"高效办成一件事"全生命周期分类（国办发〔2025〕24号）', levels: ['对象', '阶段', '场景', '事项'] },
        { scheme: 'HOTLINE', name: '12345热线诉求内容分类（示例，非 GB/T 39666 原文编码）', levels: ['大类', '中类', '小类', '细类'] },
        { scheme: 'CITYMGMT', name: '城市管理部件和事件分类（参照 GB/T 30428.2 编写，非标准原文编码）', levels: ['部件/事件', '大类', '小类', '细分'] },
        { scheme: 'GOVERN', name: '基层治理协同事项分类（智网与12345合并的四级目录，示例）', levels: ['领域', '大类', '小类', '事件'] },
      ],
      appealTypes: APPEAL_TYPES,
      nodes: [...dept.nodes, ...lifecycle.builder.nodes, ...hotline.nodes, ...citymgmt.nodes, ...govern.builder.nodes].map(plain),
    },
    'matters.json': { slaProfiles: [HOTLINE_SLA], matters },
    'implementations.json': { implementations: buildImplementations(matters, towns) },
  };
}

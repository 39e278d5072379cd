// Generates the sample catalog JSON files from the tables in ./generator.
// Run: npx tsx catalog/sample/generate.ts   (the output is committed; re-run after editing a table)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cityOrgs } from './generator/departments.js';
import { LAWS } from './generator/laws.js';
import { buildRegions, readTowns, townOrgs } from './generator/regions.js';
import { APPEAL_TYPES, SchemeBuilder, buildLifecycle, buildTree, type TreeNode } from './generator/classifications.js';
import { CITYMGMT_TREE, HOTLINE_TREE } from './generator/trees.js';
import { buildBaseMatters } from './generator/build-matters.js';
import { cityMgmtMatters, hotlineMatters, HOTLINE_SLA } from './generator/engine-matters.js';
import { buildImplementations } from './generator/implementations.js';
import { MARKET_POLICE_SOCIAL } from './generator/table-market-police-social.js';
import { LAND_BUILD_ENV } from './generator/table-land-build-env.js';
import { HEALTH_CIVIL_EDU } from './generator/table-health-civil-edu.js';
import { ECONOMY_CULTURE_SAFETY } from './generator/table-economy-culture-safety.js';
import type { CategoryNode } from './generator/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const NOTE = 'Matterflow 示例数据（sample data）：部门名称、法律法规名称、行政区划为真实信息；编码、承诺时限、材料细节、村社与网格为示例。见 README.md。';

function write(file: string, body: object): void {
  writeFileSync(join(here, file), `${JSON.stringify({ note: NOTE, ...body }, null, 2)}\n`, 'utf8');
}

const towns = readTowns(join(here, 'dongguan-towns.csv'));
const { regions, villageOrgs } = buildRegions(towns);

const dept = new SchemeBuilder('DEPT');
const lifecycle = buildLifecycle();
const hotline = buildTree('HOTLINE', HOTLINE_TREE);
const citymgmt = buildTree('CITYMGMT', CITYMGMT_TREE);

const base = buildBaseMatters([...MARKET_POLICE_SOCIAL, ...LAND_BUILD_ENV, ...HEALTH_CIVIL_EDU, ...ECONOMY_CULTURE_SAFETY], { dept, lifecycle });
const matters = [...base, ...hotlineMatters(hotline), ...cityMgmtMatters(citymgmt)];
const implementations = buildImplementations(matters, towns);

// The handling department and limit of a tree node live on the engine-only matters, not on the node.
const plain = (n: TreeNode): CategoryNode => ({
  code: n.code, name: n.name, level: n.level, parentCode: n.parentCode, scheme: n.scheme, sortNo: n.sortNo, aliases: n.aliases,
});

write('departments.json', {
  organisations: [...cityOrgs(), ...townOrgs(towns), ...villageOrgs],
});
write('laws.json', { laws: Object.values(LAWS) });
write('regions.json', { regions });
write('classifications.json', {
  schemes: [
    { scheme: 'DEPT', name: '部门职能分类', levels: ['领域', '子领域', '事项类型', '事项'] },
    { scheme: 'LIFECYCLE', name: '"高效办成一件事"全生命周期分类（国办发〔2025〕24号）', levels: ['对象', '阶段', '场景', '事项'] },
    { scheme: 'HOTLINE', name: '12345热线诉求内容分类（示例，非 GB/T 39666 原文编码）', levels: ['大类', '中类', '小类', '细类'] },
    { scheme: 'CITYMGMT', name: '城市管理部件和事件分类（参照 GB/T 30428.2 编写，非标准原文编码）', levels: ['部件/事件', '大类', '小类', '细分'] },
  ],
  appealTypes: APPEAL_TYPES,
  nodes: [...dept.nodes, ...lifecycle.builder.nodes, ...hotline.nodes, ...citymgmt.nodes].map(plain),
});
write('matters.json', { slaProfiles: [HOTLINE_SLA], matters });
write('implementations.json', { implementations });

const byType = new Map<string, number>();
for (const m of matters) byType.set(m.matterType, (byType.get(m.matterType) ?? 0) + 1);
console.log(`matters ${matters.length} (base ${base.length}), implementations ${implementations.length}, regions ${regions.length}`);
console.log([...byType].map(([t, n]) => `${t} ${n}`).join(', '));

// City-level organisations of 东莞市 (a prefecture-level city with no districts). The names are the
// real names of the working departments after the 2019 institutional reform; the short codes are ours.
import type { Org, OrgKind } from './types.js';

export const CITY_REGION = '441900';

interface DeptRow {
  code: string;
  name: string;
  shortName: string;
  kind: OrgKind;
  /** Has branch offices (分局) in every 镇街 and functional zone. */
  branches?: (town: string) => string;
  isPublicUtility?: boolean;
  roles?: Org['roles'];
}

const branch = (prefix: string) => (town: string) => `${prefix}${town}分局`;

export const DEPARTMENTS: DeptRow[] = [
  { code: 'DGSZF', name: '东莞市人民政府', shortName: '市政府', kind: '人民政府', roles: ['督办', '监督'] },
  { code: 'FGJ', name: '东莞市发展和改革局', shortName: '市发展改革局', kind: '市政府工作部门' },
  { code: 'GXJ', name: '东莞市工业和信息化局', shortName: '市工业和信息化局', kind: '市政府工作部门' },
  { code: 'KJJ', name: '东莞市科学技术局', shortName: '市科技局', kind: '市政府工作部门' },
  { code: 'JYJ', name: '东莞市教育局', shortName: '市教育局', kind: '市政府工作部门' },
  { code: 'GAJ', name: '东莞市公安局', shortName: '市公安局', kind: '市政府工作部门', branches: branch('东莞市公安局') },
  { code: 'MZJ', name: '东莞市民政局', shortName: '市民政局', kind: '市政府工作部门' },
  { code: 'SFJ', name: '东莞市司法局', shortName: '市司法局', kind: '市政府工作部门' },
  { code: 'CZJ', name: '东莞市财政局', shortName: '市财政局', kind: '市政府工作部门' },
  { code: 'RSJ', name: '东莞市人力资源和社会保障局', shortName: '市人力资源社会保障局', kind: '市政府工作部门' },
  { code: 'ZRZYJ', name: '东莞市自然资源局', shortName: '市自然资源局', kind: '市政府工作部门', branches: branch('东莞市自然资源局') },
  { code: 'STHJJ', name: '东莞市生态环境局', shortName: '市生态环境局', kind: '市政府工作部门', branches: branch('东莞市生态环境局') },
  { code: 'ZJJ', name: '东莞市住房和城乡建设局', shortName: '市住房城乡建设局', kind: '市政府工作部门' },
  { code: 'JTJ', name: '东莞市交通运输局', shortName: '市交通运输局', kind: '市政府工作部门' },
  { code: 'SWUJ', name: '东莞市水务局', shortName: '市水务局', kind: '市政府工作部门' },
  { code: 'NYNCJ', name: '东莞市农业农村局', shortName: '市农业农村局', kind: '市政府工作部门' },
  { code: 'SWJ', name: '东莞市商务局', shortName: '市商务局', kind: '市政府工作部门' },
  { code: 'WGLTJ', name: '东莞市文化广电旅游体育局', shortName: '市文化广电旅游体育局', kind: '市政府工作部门' },
  { code: 'WJJ', name: '东莞市卫生健康局', shortName: '市卫生健康局', kind: '市政府工作部门' },
  { code: 'TYJRJ', name: '东莞市退役军人事务局', shortName: '市退役军人事务局', kind: '市政府工作部门' },
  { code: 'YJGLJ', name: '东莞市应急管理局', shortName: '市应急管理局', kind: '市政府工作部门' },
  { code: 'SCJGJ', name: '东莞市市场监督管理局', shortName: '市市场监管局', kind: '市政府工作部门', branches: branch('东莞市市场监督管理局') },
  { code: 'YBJ', name: '东莞市医疗保障局', shortName: '市医保局', kind: '市政府工作部门' },
  { code: 'CGJ', name: '东莞市城市管理和综合执法局', shortName: '市城市管理综合执法局', kind: '市政府工作部门' },
  { code: 'LYJ', name: '东莞市林业局', shortName: '市林业局', kind: '市政府工作部门' },
  { code: 'ZSJ', name: '东莞市政务服务和数据管理局', shortName: '市政务服务数据局', kind: '市政府工作部门' },
  { code: 'TJJ', name: '东莞市统计局', shortName: '市统计局', kind: '市政府工作部门' },
  { code: 'SJJ', name: '东莞市审计局', shortName: '市审计局', kind: '市政府工作部门' },
  { code: 'XFJ', name: '东莞市信访局', shortName: '市信访局', kind: '市政府工作部门' },
  { code: 'GZW', name: '东莞市人民政府国有资产监督管理委员会', shortName: '市国资委', kind: '市政府工作部门' },
  { code: 'SWZJ', name: '国家税务总局东莞市税务局', shortName: '市税务局', kind: '垂直管理部门',
    branches: (town) => `国家税务总局东莞市${town}税务分局` },
  { code: 'XFZD', name: '东莞市消防救援支队', shortName: '市消防救援支队', kind: '垂直管理部门',
    branches: (town) => `东莞市消防救援支队${town}大队` },
  { code: 'YCJ', name: '东莞市烟草专卖局', shortName: '市烟草专卖局', kind: '垂直管理部门' },
  { code: 'QXJ', name: '东莞市气象局', shortName: '市气象局', kind: '垂直管理部门' },
  { code: 'GJJZX', name: '东莞市住房公积金管理中心', shortName: '市住房公积金中心', kind: '市政府直属事业单位' },
  { code: 'CLJ', name: '东莞市残疾人联合会', shortName: '市残联', kind: '群团组织' },
  { code: 'SMFWZX', name: '东莞市民服务中心', shortName: '市民服务中心', kind: '市政务服务中心', roles: ['受理'] },
  { code: 'RX12345', name: '东莞市12345政务服务便民热线', shortName: '12345热线', kind: '热线机构', roles: ['受理', '督办'] },
  { code: 'GDJ', name: '广东电网有限责任公司东莞供电局', shortName: '东莞供电局', kind: '公共企事业单位', isPublicUtility: true, roles: ['承办'] },
  { code: 'DJSW', name: '东莞市东江水务有限公司', shortName: '东江水务', kind: '公共企事业单位', isPublicUtility: true, roles: ['承办'] },
  { code: 'XARQ', name: '东莞新奥燃气有限公司', shortName: '新奥燃气', kind: '公共企事业单位', isPublicUtility: true, roles: ['承办'] },
];

/** Departments whose town-level work is done by their own branch office, not by the 镇街 government. */
export const BRANCHED = new Set(DEPARTMENTS.filter((d) => d.branches).map((d) => d.code));

export function cityOrgs(): Org[] {
  return DEPARTMENTS.map((d) => ({
    code: d.code,
    name: d.name,
    shortName: d.shortName,
    kind: d.kind,
    level: '市',
    regionCode: CITY_REGION,
    roles: d.roles ?? ['主管', '实施', '承办'],
    ...(d.isPublicUtility ? { isPublicUtility: true } : {}),
    real: d.code !== 'RX12345',
  }));
}

export function deptByCode(code: string): DeptRow {
  const d = DEPARTMENTS.find((x) => x.code === code);
  if (!d) throw new Error(`unknown department ${code}`);
  return d;
}

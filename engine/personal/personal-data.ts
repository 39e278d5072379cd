import type { Json, Variables } from '../runtime/index.js';

/**
 * Personal data in case variables (个人信息保护法 第二十八、五十一条: 身份证件号码 and the like are
 * shown only to those who need them). The rule is the variable's name, at any depth of the case
 * data (docs/personal-data.md):
 * - 身份证件号码: a name ending in IdNo, IdNumber, IdCard, CertNo or CertificateNo (any case,
 *   `applicantIdNo`, `idCard`, `agent.certNo`), or 身份证号 / 证件号码;
 * - phone numbers: a name ending in Phone, Mobile or Tel (`applicantPhone`, `reporter.phone`),
 *   or 联系电话 / 手机号 / 电话.
 * Such a value is masked in every case, task and trail the API answers with (4401**********1234,
 * 138****8000); the clear value is given only by an explicit reveal, which the trail records.
 */
export type PersonalKind = 'idNumber' | 'phone';

const ID_NUMBER = /(?:id_?no|id_?number|id_?card|cert_?no|certificate_?no)$/i;
const PHONE = /(?:phone|mobile|tel)$/i;
const ID_NUMBER_ZH = new Set(['身份证号', '身份证号码', '证件号码']);
const PHONE_ZH = new Set(['联系电话', '手机号', '手机号码', '电话']);

export function personalKind(name: string): PersonalKind | undefined {
  if (ID_NUMBER.test(name) || ID_NUMBER_ZH.has(name)) return 'idNumber';
  if (PHONE.test(name) || PHONE_ZH.has(name)) return 'phone';
  return undefined;
}

/** 4401**********1234 (the region and the last four kept), 138****8000; a short value is masked whole. */
export function maskValue(kind: PersonalKind, value: string): string {
  const [head, tail] = kind === 'idNumber' ? [4, 4] : [3, 4];
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return `${value.slice(0, head)}${'*'.repeat(value.length - head - tail)}${value.slice(-tail)}`;
}

/** The data with every personal value masked (strings and numbers; other values are left as they are). */
export function maskPersonalData<T extends Json | Variables>(data: T): T {
  return maskEntry(data as Json, undefined) as T;
}

function maskEntry(value: Json, kind: PersonalKind | undefined): Json {
  if (kind && (typeof value === 'string' || typeof value === 'number')) return maskValue(kind, String(value));
  if (Array.isArray(value)) return value.map((entry) => maskEntry(entry, kind));
  if (value && typeof value === 'object') {
    const masked: { [key: string]: Json } = {};
    for (const [key, entry] of Object.entries(value)) masked[key] = maskEntry(entry, personalKind(key) ?? kind);
    return masked;
  }
  return value;
}

/** The value at a dotted path (`applicant.phone`), or undefined. */
export function valueAt(variables: Variables, path: string): Json | undefined {
  let current: Json | undefined = variables as Json;
  for (const key of path.split('.')) {
    if (!current || typeof current !== 'object' || Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as { [key: string]: Json })[key];
  }
  return current;
}

import { EngineError } from '../errors.js';
import type { Json, Variables } from '../runtime/index.js';
import { maskValue, personalKind, type PersonalKind } from './personal-data.js';

/**
 * The API shows personal values masked (personal-data.ts). A client that sends such a value back
 * unchanged (a form posting every field it was shown) would overwrite 440105199001011234 with
 * 4401**********1234, and the clear value would be lost for good. Such a write is refused, naming
 * the field; a changed value, or one that is not the mask of what the case holds, is written as sent.
 */
export function refuseMaskedEcho(current: Variables, submitted: Variables): void {
  const echoes: string[] = [];
  collect(current as Json, submitted as Json, '', undefined, echoes);
  if (echoes.length === 0) return;
  throw new EngineError(
    'invalid',
    `${echoes.map((path) => `'${path}'`).join(', ')} ${echoes.length > 1 ? 'are' : 'is'} the masked form of what the case holds; send the clear value or leave the field out`,
    `${echoes.map((path) => `“${path}”`).join('、')}是案件中个人信息的遮蔽形式（带 *），不能写回：请填写完整值，或不提交该项`,
    echoes.map((path) => ({
      code: 'masked-value-written-back',
      field: `/variables/${path.split('.').map((key) => key.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`,
      message: `'${path}' is the masked form of the value the case holds`,
      messageZh: `“${path}”是案件中该项的遮蔽形式`,
    })),
  );
}

function collect(current: Json | undefined, submitted: Json, path: string, kind: PersonalKind | undefined, echoes: string[]): void {
  if (kind && typeof submitted === 'string' && submitted.includes('*')) {
    if ((typeof current === 'string' || typeof current === 'number') && maskValue(kind, String(current)) === submitted && String(current) !== submitted) echoes.push(path);
    return;
  }
  if (!submitted || typeof submitted !== 'object' || Array.isArray(submitted)) return;
  const holder = current && typeof current === 'object' && !Array.isArray(current) ? (current as { [key: string]: Json }) : {};
  for (const [key, value] of Object.entries(submitted)) {
    collect(holder[key], value, path ? `${path}.${key}` : key, personalKind(key) ?? kind, echoes);
  }
}

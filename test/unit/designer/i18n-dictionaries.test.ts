import { ZH_CN_DICTIONARIES } from '../../../designer/src/i18n/dictionaries.js';

// The designer's Chinese dictionaries share one namespace of English keys. When two areas give the
// same key different Chinese ('Show': 显示 on the case page, 查询 on a dashboard), the one merged
// last silently wins on every page: each key must mean one thing wherever it is used.
test('no key has two different Chinese texts across the dictionaries', () => {
  const first = new Map<string, { dictionary: string; text: string }>();
  const conflicts: string[] = [];
  for (const [dictionary, entries] of Object.entries(ZH_CN_DICTIONARIES)) {
    for (const [key, text] of Object.entries(entries)) {
      const earlier = first.get(key);
      if (earlier && earlier.text !== text) conflicts.push(`'${key}': ${earlier.dictionary} ${earlier.text} ≠ ${dictionary} ${text}`);
      if (!earlier) first.set(key, { dictionary, text });
    }
  }
  expect(conflicts).toEqual([]);
});

test('every dictionary is merged: each has entries', () => {
  expect(Object.keys(ZH_CN_DICTIONARIES).length).toBeGreaterThanOrEqual(9);
  for (const entries of Object.values(ZH_CN_DICTIONARIES)) expect(Object.keys(entries).length).toBeGreaterThan(0);
});

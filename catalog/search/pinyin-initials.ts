import { pinyin } from 'pinyin-pro';

// Names repeat across rebuilds and between a matter's versions; pinyin conversion is the slow part of a build.
const cache = new Map<string, string>();

/** 食品经营许可 → "spjyxk": the first letter of each syllable, other characters kept as they are. */
export function pinyinInitials(text: string): string {
  let initials = cache.get(text);
  if (initials === undefined) {
    initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
      .join('')
      .toLowerCase()
      .replace(/\s+/g, '');
    if (cache.size > 200_000) cache.clear();
    cache.set(text, initials);
  }
  return initials;
}

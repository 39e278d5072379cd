import type { Db } from '../../engine/index.js';
import { regionNamings } from '../store/regions.js';

export interface RecognisedPart {
  /** The words of the address that matched. */
  term: string;
  regionCode: string;
  regionName: string;
  level: string;
}

export interface NormalisedAddress {
  /** The deepest region the address names consistently, or null when nothing was recognised. */
  regionCode: string | null;
  regionName: string | null;
  level: string | null;
  /** From the city down to the region found. */
  path: Array<{ code: string; name: string; level: string }>;
  recognised: RecognisedPart[];
  /** Other regions the address could equally mean (a village name found in several towns). */
  ambiguous: string[];
}

interface RegionEntry {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  terms: string[];
}

const DEPTH: Record<string, number> = { city: 0, county: 1, town: 2, village: 3, grid: 4 };
// 虎门镇 → 虎门, 东城街道 → 东城, 主山社区 → 主山: people say the short name.
const SUFFIXES = ['街道办事处', '街道', '社区居委会', '村委会', '居委会', '社区', '新区', '镇', '村', '市', '区'];

function termsOf(name: string, aliases: unknown): string[] {
  const terms = new Set([name]);
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) terms.add(name.slice(0, -suffix.length));
  }
  if (Array.isArray(aliases)) for (const alias of aliases) if (typeof alias === 'string' && alias.trim().length >= 2) terms.add(alias.trim());
  return [...terms];
}

/**
 * An address as the citizen says it ("虎门镇北栅社区银龙路 12 号", "虎门北栅") matched against the region tree:
 * names, short names without 镇/街道/社区/村, and the regions' aliases. The deepest region whose
 * recognised ancestors agree wins; the caller sees what was recognised.
 */
export class AddressNormaliser {
  private regions: RegionEntry[] | undefined;
  private loadedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
  ) {}

  private async load(): Promise<RegionEntry[]> {
    // The region tree changes rarely: read it at most once a minute.
    if (this.regions && this.clock.now().getTime() - this.loadedAt < 60_000) return this.regions;
    const rows = await regionNamings(this.db);
    this.regions = rows.map((row) => ({ code: row.code, name: row.name, level: row.level, parentCode: row.parent_code, terms: termsOf(row.name, row.aliases) }));
    this.loadedAt = this.clock.now().getTime();
    return this.regions;
  }

  async normalise(address: string): Promise<NormalisedAddress> {
    const regions = await this.load();
    const byCode = new Map(regions.map((region) => [region.code, region]));
    const text = address.replace(/\s+/g, '');
    const matches: Array<RecognisedPart & { depth: number }> = [];
    for (const region of regions) {
      const term = region.terms.filter((candidate) => text.includes(candidate)).sort((a, b) => b.length - a.length)[0];
      if (term) matches.push({ term, regionCode: region.code, regionName: region.name, level: region.level, depth: DEPTH[region.level] ?? 5 });
    }
    const ancestors = (code: string): string[] => {
      const chain: string[] = [];
      for (let current = byCode.get(code); current; current = current.parentCode ? byCode.get(current.parentCode) : undefined) chain.push(current.code);
      return chain;
    };
    const matched = new Set(matches.map((match) => match.regionCode));
    // The region whose recognised ancestors agree most wins (虎门 + 北栅 → 虎门's 北栅), then the deepest, then the longest words.
    const score = (code: string) => ancestors(code).filter((ancestor) => ancestor !== code && matched.has(ancestor)).length;
    const ranked = matches.sort((a, b) => score(b.regionCode) - score(a.regionCode) || b.depth - a.depth || b.term.length - a.term.length);
    const best = ranked[0];
    if (!best) return { regionCode: null, regionName: null, level: null, path: [], recognised: [], ambiguous: [] };
    const ties = ranked.filter((match) => match.regionCode !== best.regionCode && match.depth === best.depth && score(match.regionCode) === score(best.regionCode) && match.term.length === best.term.length);
    const path = ancestors(best.regionCode)
      .reverse()
      .map((code) => byCode.get(code)!)
      .map((region) => ({ code: region.code, name: region.name, level: region.level }));
    const keep = new Set([best.regionCode, ...ancestors(best.regionCode)]);
    const recognised = matches.filter((match) => keep.has(match.regionCode)).sort((a, b) => a.depth - b.depth).map(({ depth: _depth, ...part }) => part);
    return { regionCode: best.regionCode, regionName: best.regionName, level: best.level, path, recognised, ambiguous: ties.map((tie) => tie.regionCode) };
  }
}

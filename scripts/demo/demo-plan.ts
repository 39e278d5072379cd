/** A month of 12345 tickets, planned before anything runs: which matter, which town or village, which day, what happens. */

export interface PlannedTicket {
  index: number;
  matterCode: string;
  regionCode: string;
  address: string;
  text: string;
  channel: 'phone' | 'web' | 'app' | 'window';
  intakeDay: number;
  handleDay: number;
  replyDay: number;
  visitDay: number;
  /** The first unit sends it back (退单): the dispatcher then 改派s by the next rule. */
  sentBack: boolean;
  evaluation: '非常满意' | '满意' | '基本满意' | '不满意' | '非常不满意';
  remedy: 'reopen' | 'rectify';
  /** From the citizen's channel (else a staff 回访). */
  citizenEvaluates: boolean;
}

export interface PlanInput {
  tickets: number;
  days: number;
  seed: number;
  matters: ReadonlyArray<{ code: string; name: string }>;
  regions: ReadonlyArray<{ code: string; name: string; townName: string }>;
}

/** A small seeded generator (mulberry32): the same arguments plan the same month. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Picks by weight: a few categories and towns carry most of the volume, as in real hotline data. */
function weighted<T>(items: readonly T[], random: () => number, skew: number): () => T {
  const weights = items.map((_, index) => 1 / Math.pow(index + 1, skew));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return () => {
    let roll = random() * total;
    for (let index = 0; index < items.length; index += 1) {
      roll -= weights[index];
      if (roll <= 0) return items[index];
    }
    return items[items.length - 1];
  };
}

const STREETS = ['人民路', '银龙路', '长安路', '东纵路', '莞太路', '体育路', '沿河路', '振兴路', '南城大道', '环城路'];
const EVALUATIONS: Array<[PlannedTicket['evaluation'], number]> = [
  ['非常满意', 0.55],
  ['满意', 0.35],
  ['基本满意', 0.075],
  ['不满意', 0.02],
  ['非常不满意', 0.005],
];

export function planMonth(input: PlanInput): PlannedTicket[] {
  const random = seeded(input.seed);
  const shuffled = <T>(items: readonly T[]) => [...items].sort(() => random() - 0.5);
  const matter = weighted(shuffled(input.matters), random, 0.9);
  const region = weighted(shuffled(input.regions), random, 0.6);
  // Weekdays carry more calls than weekends.
  const dayWeights = Array.from({ length: input.days }, (_, day) => (day % 7 === 5 || day % 7 === 6 ? 0.7 : 1.1));
  const dayTotal = dayWeights.reduce((sum, weight) => sum + weight, 0);
  let cumulativeWeight = 0;
  const dayEnds = dayWeights.map((weight) => Math.round(((cumulativeWeight += weight) / dayTotal) * input.tickets));
  const planned: PlannedTicket[] = [];
  let day = 0;
  for (let index = 0; index < input.tickets; index += 1) {
    while (day < input.days - 1 && index >= dayEnds[day]) day += 1;
    const chosenMatter = matter();
    const chosenRegion = region();
    const late = random() < 0.02;
    // 2% run late: handled three weeks on, past the 10- or 15-working-day limit.
    const handleDay = day + (late ? 21 : random() < 0.7 ? 0 : 1);
    const roll = random();
    let cumulative = 0;
    const evaluation = EVALUATIONS.find(([, share]) => (cumulative += share) >= roll)?.[0] ?? '满意';
    const channelRoll = random();
    planned.push({
      index,
      matterCode: chosenMatter.code,
      regionCode: chosenRegion.code,
      address: `${chosenRegion.townName}${chosenRegion.name === chosenRegion.townName ? '' : chosenRegion.name}${STREETS[Math.floor(random() * STREETS.length)]}${1 + Math.floor(random() * 300)}号`,
      text: `${chosenMatter.name.replace(/类?诉求办理$/, '')}问题，请尽快处理`,
      channel: channelRoll < 0.6 ? 'phone' : channelRoll < 0.8 ? 'app' : channelRoll < 0.95 ? 'web' : 'window',
      intakeDay: day,
      handleDay,
      replyDay: handleDay + 1,
      visitDay: handleDay + 2,
      sentBack: random() < 0.01,
      evaluation,
      remedy: random() < 0.7 ? 'reopen' : 'rectify',
      citizenEvaluates: random() < 0.6,
    });
  }
  return planned;
}

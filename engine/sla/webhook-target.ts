import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may point. A webhook is a request the server makes on an integrator's
 * behalf, so by default it may not reach this machine (loopback), link-local addresses (cloud
 * metadata services) or unspecified addresses, however the address is spelled: a host name
 * that resolves to one, `localhost.` with its root dot, an IPv4 address inside an IPv6 one
 * (mapped `::ffff:127.0.0.1`, compatible `::127.0.0.1`, NAT64 `64:ff9b::7f00:1`, 6to4
 * `2002:7f00:1::`). Private ranges stay allowed: government intranets live there.
 * MATTERFLOW_WEBHOOK_HOSTS (comma-separated host names or addresses) lists targets allowed in
 * any case, e.g. a receiver on the same machine.
 */
const forbiddenV4 = new BlockList();
forbiddenV4.addSubnet('127.0.0.0', 8, 'ipv4');
forbiddenV4.addSubnet('169.254.0.0', 16, 'ipv4');
forbiddenV4.addSubnet('0.0.0.0', 8, 'ipv4');

const forbiddenV6 = new BlockList();
forbiddenV6.addAddress('::1', 'ipv6');
forbiddenV6.addAddress('::', 'ipv6');
forbiddenV6.addSubnet('fe80::', 10, 'ipv6');

const LOOKUP_TIMEOUT_MS = 3000;

function allowedHosts(): Set<string> {
  return new Set((process.env.MATTERFLOW_WEBHOOK_HOSTS ?? '').split(',').map((host) => normalHost(host.trim())).filter(Boolean));
}

/** The host as compared: lower case, without IPv6 brackets or the DNS root's trailing dot. */
function normalHost(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.+$/, '');
}

/** The eight 16-bit groups of an IPv6 address (with a trailing dotted IPv4 part, if any). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const bytes = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((bytes[0] << 8) | bytes[1]).toString(16)}:${((bytes[2] << 8) | bytes[3]).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const groups = tail === undefined ? left : [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}

function v4(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(groups: number[]): string | undefined {
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && (groups[5] === 0xffff || groups[5] === 0)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups[2] === 1) return v4(groups[6], groups[7]);
  if (groups[0] === 0x2002) return v4(groups[1], groups[2]);
  return undefined;
}

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return forbiddenV4.check(address, 'ipv4');
  if (family !== 6) return false;
  if (forbiddenV6.check(address, 'ipv6')) return true;
  const groups = ipv6Groups(address);
  const inner = groups && embeddedIpv4(groups);
  return inner !== undefined && forbiddenV4.check(inner, 'ipv4');
}

function isLocalName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === 'localhost.localdomain';
}

function refusal(host: string, resolved?: string): { message: string; messageZh: string } {
  const where = resolved ? `${host} (which resolves to ${resolved})` : host;
  const whereZh = resolved ? `${host}（解析为 ${resolved}）` : host;
  return {
    message: `A webhook may not point at ${where}: this machine or a link-local address; an administrator can allow it with MATTERFLOW_WEBHOOK_HOSTS`,
    messageZh: `回调地址不能指向 ${whereZh}（本机或链路本地地址）；如确需使用，请管理员在 MATTERFLOW_WEBHOOK_HOSTS 中放行`,
  };
}

async function resolve(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`looking up ${host} took longer than ${LOOKUP_TIMEOUT_MS} ms`)), LOOKUP_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([lookup(host, { all: true, verbatim: true }), timeout])).map((entry) => entry.address);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why a URL may not be a webhook target, checked at registration: the spelling, then the
 * addresses the name resolves to now. A name that does not resolve yet is accepted (an
 * intranet name may resolve only later); every delivery checks again.
 */
export async function webhookTargetProblem(url: URL): Promise<{ message: string; messageZh: string } | undefined> {
  const host = normalHost(url.hostname);
  if (allowedHosts().has(host)) return undefined;
  if (isLocalName(host) || isForbiddenAddress(host)) return refusal(host);
  const addresses = await resolve(host).catch(() => []);
  const bad = addresses.find(isForbiddenAddress);
  return bad ? refusal(host, bad) : undefined;
}

/** The same rule at delivery time, on the addresses the host name resolves to now (a name can be re-pointed). */
export async function webhookDeliveryRefusal(url: URL): Promise<string | undefined> {
  const host = normalHost(url.hostname);
  if (allowedHosts().has(host)) return undefined;
  if (isLocalName(host)) return `refused: ${host} is this machine`;
  const addresses = await resolve(host);
  const bad = addresses.find(isForbiddenAddress);
  return bad ? `refused: ${host} resolves to ${bad}, which webhooks may not reach` : undefined;
}

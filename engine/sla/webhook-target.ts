import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may point. A webhook is a request the server makes on an integrator's
 * behalf, so by default it may not reach this machine (loopback), link-local addresses (cloud
 * metadata services) or unspecified addresses. Private ranges stay allowed: government
 * intranets live there. MATTERFLOW_WEBHOOK_HOSTS (comma-separated host names or addresses)
 * lists targets allowed in any case, e.g. a receiver on the same machine.
 */
const forbidden = new BlockList();
forbidden.addSubnet('127.0.0.0', 8, 'ipv4');
forbidden.addSubnet('169.254.0.0', 16, 'ipv4');
forbidden.addSubnet('0.0.0.0', 8, 'ipv4');
forbidden.addAddress('::1', 'ipv6');
forbidden.addAddress('::', 'ipv6');
forbidden.addSubnet('fe80::', 10, 'ipv6');
forbidden.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
forbidden.addSubnet('::ffff:169.254.0.0', 112, 'ipv6');

function allowedHosts(): Set<string> {
  return new Set((process.env.MATTERFLOW_WEBHOOK_HOSTS ?? '').split(',').map((host) => host.trim().toLowerCase()).filter(Boolean));
}

function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && forbidden.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** Why a URL may not be a webhook target, checked at registration from the URL alone; undefined when it may. */
export function webhookTargetProblem(url: URL): { message: string; messageZh: string } | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowedHosts().has(host)) return undefined;
  if (host === 'localhost' || host.endsWith('.localhost') || isForbiddenAddress(host)) {
    return {
      message: `A webhook may not point at ${host} (this machine or a link-local address); an administrator can allow it with MATTERFLOW_WEBHOOK_HOSTS`,
      messageZh: `回调地址不能指向 ${host}（本机或链路本地地址）；如确需使用，请管理员在 MATTERFLOW_WEBHOOK_HOSTS 中放行`,
    };
  }
  return undefined;
}

/** The same rule at delivery time, on the addresses the host name resolves to now (a name can be re-pointed). */
export async function webhookDeliveryRefusal(url: URL): Promise<string | undefined> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowedHosts().has(host)) return undefined;
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  const bad = addresses.find(isForbiddenAddress);
  return bad ? `refused: ${host} resolves to ${bad}, which webhooks may not reach` : undefined;
}

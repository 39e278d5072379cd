import fs from 'node:fs';
import { isForbiddenAddress, webhookTargetProblem } from '../../../engine/sla/webhook-target.js';

/** A host name this machine resolves to loopback through /etc/hosts (other than localhost), if there is one. */
function loopbackAlias(): string | undefined {
  const lines = fs.existsSync('/etc/hosts') ? fs.readFileSync('/etc/hosts', 'utf8').split('\n') : [];
  for (const line of lines) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (address?.startsWith('127.')) {
      const alias = names.find((name) => name && !name.includes('localhost'));
      if (alias) return alias;
    }
  }
  return undefined;
}

describe('webhook targets: loopback and link-local refused in every spelling', () => {
  const spellings = [
    'http://localhost/hook',
    'http://localhost./hook',
    'http://LOCALHOST:8080/hook',
    'http://api.localhost/hook',
    'http://127.0.0.1/hook',
    'http://127.1/hook',
    'http://0x7f000001/hook',
    'http://2130706433/hook',
    'http://017700000001/hook',
    'http://0.0.0.0/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[::]/hook',
    'http://[0:0:0:0:0:0:0:1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:7f00:1]/hook',
    'http://[::ffff:a9fe:a9fe]/hook',
    'http://[::127.0.0.1]/hook',
    'http://[64:ff9b::7f00:1]/hook',
    'http://[64:ff9b::127.0.0.1]/hook',
    'http://[64:ff9b:1::7f00:1]/hook',
    'http://[2002:7f00:1::]/hook',
    'http://[fe80::1]/hook',
  ];

  test.each(spellings)('%s is refused', async (url) => {
    const problem = await webhookTargetProblem(new URL(url));
    expect(problem?.messageZh).toMatch(/MATTERFLOW_WEBHOOK_HOSTS/);
  });

  test('a name that resolves to loopback is refused, naming the address', async () => {
    const alias = loopbackAlias();
    if (!alias) return; // no such name on this machine: the spellings above still run
    const problem = await webhookTargetProblem(new URL(`http://${alias}:9/hook`));
    expect(problem?.message).toMatch(/resolves to 127\./);
  });

  test('public and private addresses stay allowed (government intranets)', async () => {
    for (const url of ['http://10.1.2.3/hook', 'http://192.168.1.10:8080/hook', 'http://[2001:db8::1]/hook', 'http://[64:ff9b::a01:203]/hook', 'http://8.8.8.8/']) {
      expect(await webhookTargetProblem(new URL(url))).toBeUndefined();
    }
  });

  test('MATTERFLOW_WEBHOOK_HOSTS allows a named host, with or without the root dot', async () => {
    process.env.MATTERFLOW_WEBHOOK_HOSTS = 'localhost';
    try {
      expect(await webhookTargetProblem(new URL('http://localhost./hook'))).toBeUndefined();
    } finally {
      delete process.env.MATTERFLOW_WEBHOOK_HOSTS;
    }
  });

  test('address checks', () => {
    expect(isForbiddenAddress('::ffff:127.0.0.2')).toBe(true);
    expect(isForbiddenAddress('64:ff9b::a9fe:a9fe')).toBe(true);
    expect(isForbiddenAddress('2001:db8::1')).toBe(false);
    expect(isForbiddenAddress('not an address')).toBe(false);
  });
});

/**
 * Designer benchmark: the modeler page's bundle size (raw and gzip) after `vite build`, and its
 * first-load time (navigation start → bpmn-js canvas ready) in chromium against the real server.
 * Run: npx tsx bench/designer.ts   (BENCH_RUNS=n, SKIP_BUILD=1 to reuse designer/dist)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import { startServer } from '../api/server.js';

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

const DIST = path.resolve('designer', 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** The files a browser loads to show the modeler page: the entry, the page chunk and their static imports. */
function modelerPageFiles(manifest: Manifest): string[] {
  const files = new Set<string>(['index.html']);
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  const page = Object.keys(manifest).find((key) => key.endsWith('pages/modeler/modeler-page.ts'));
  if (!page) throw new Error('modeler page chunk not found in the manifest');
  visit(page);
  return [...files];
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  if (!process.env.SKIP_BUILD) {
    execFileSync(path.resolve('node_modules/.bin/vite'), ['build', '--config', 'designer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const files = modelerPageFiles(manifest);
  let raw = 0;
  let gzip = 0;
  console.log('Modeler page bundle (what the browser downloads for #/modeler, fonts excluded):');
  for (const file of files) {
    const content = fs.readFileSync(path.join(DIST, file));
    const zipped = zlib.gzipSync(content, { level: 9 }).length;
    raw += content.length;
    gzip += zipped;
    console.log(`  ${file.padEnd(48)} ${kib(content.length).padStart(12)} ${kib(zipped).padStart(12)} gzip`);
  }
  console.log(`  ${'total'.padEnd(48)} ${kib(raw).padStart(12)} ${kib(gzip).padStart(12)} gzip`);

  const server = await startServer({ port: 0, log: pino({ level: 'silent' }) });
  await server.context.tokens.upsertUser({ id: 'bench', name: 'bench', department: 'BENCH', roles: ['designer'], groups: [] });
  const token = await server.context.tokens.createToken('bench');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const readyAt = async (page: import('playwright-core').Page) => {
      await page.waitForSelector('body[data-modeler-ready]', { timeout: 60000 });
      return page.evaluate(() => performance.getEntriesByName('matterflow:modeler-ready')[0]?.startTime ?? NaN);
    };
    const cold: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A fresh context has an empty HTTP cache: a first visit.
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript((value) => (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('matterflow.token', value), token);
      const page = await context.newPage();
      await page.goto(`${server.url}/#/modeler`);
      cold.push(await readyAt(page));
      await page.reload();
      warm.push(await readyAt(page));
      await context.close();
    }
    console.log(`\nFirst load of #/modeler to canvas ready, ${RUNS} runs, chromium headless, server on localhost:`);
    console.log(`  cold cache: median ${median(cold).toFixed(0)} ms (${cold.map((value) => value.toFixed(0)).join(', ')})`);
    console.log(`  warm cache: median ${median(warm).toFixed(0)} ms (${warm.map((value) => value.toFixed(0)).join(', ')})`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

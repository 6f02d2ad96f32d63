/**
 * `/docs` in a real browser: headless Chromium (Debian's `chromium`, driven
 * by puppeteer-core) opens the page, which loads Swagger UI from the
 * gateway itself (no network), expands the offer query, fills in the body,
 * presses Execute, and the query reaches the simulator through the gateway
 * and comes back 200. A screenshot is taken to .tmp/gateway-docs.png.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startGateway, type Gateway } from '../../src/gateway/server.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { setup, type Setup } from './helpers.js';

const CHROMIUM = process.env['MMS_TEST_CHROMIUM'] ?? '/usr/bin/chromium';
const SCREENSHOT = path.join(REPO_ROOT, '.tmp', 'gateway-docs.png');
// CI installs chromium (.ci/run); elsewhere a machine without it skips, saying why.
const withChromium = existsSync(CHROMIUM) || process.env['CI'] ? test : test.skip;
if (!existsSync(CHROMIUM))
  console.warn(`docs-page test: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

let env: Setup;
let gateway: Gateway;
let browser: Browser | undefined;

beforeAll(async () => {
  env = await setup();
  gateway = await startGateway({ config: env.config, baseDir: env.dir, env: env.env, noAuth: true, port: 0 });
});

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await env?.cleanup();
});

withChromium('the page sends a query to the simulator through the gateway', async () => {
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage();
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(gateway.url) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  await page.setViewport({ width: 1280, height: 1000 });
  await page.goto(`${gateway.url}/docs#/market/MarketQuery_OfferQuery`, { waitUntil: 'networkidle0' });
  const block = '#operations-market-MarketQuery_OfferQuery';
  // The page opens with "Try it out" on (tryItOutEnabled), so the body is editable at once.
  await page.waitForSelector(`${block} textarea.body-param__text`, { timeout: 30_000 });
  await page.type(`${block} input[placeholder="participant"]`, 'F100');
  const body = JSON.stringify({ attributes: { Date: '2026-12-10' }, data: { MarketType: 'DAM' } });
  // Clear the example the way a person does (React ignores a value set from outside).
  await page.click(`${block} textarea.body-param__text`);
  await page.keyboard.down('Control');
  await page.keyboard.press('A');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.type(`${block} textarea.body-param__text`, body);
  const before = env.received.lines.filter((l) => l.includes('MarketQuery_OfferQuery from')).length;
  await page.click(`${block} button.execute`);
  await page.waitForSelector(`${block} .live-responses-table tbody .response-col_status`, {
    timeout: 30_000,
  });
  const status = await page.$eval(`${block} .live-responses-table tbody .response-col_status`, (el) =>
    el.textContent?.trim(),
  );
  await mkdir(path.dirname(SCREENSHOT), { recursive: true });
  // The operation as a person sees it after Execute: the body sent and the answer.
  const top = await (await page.$(block))!.boundingBox();
  const bottom = await (await page.$(`${block} .live-responses-table`))!.boundingBox();
  // Bounding boxes are relative to the viewport; the clip is in page coordinates.
  const scrollY = await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
  await page.screenshot({
    path: SCREENSHOT as `${string}.png`,
    captureBeyondViewport: true,
    clip: { x: top!.x, y: top!.y + scrollY, width: top!.width, height: bottom!.y + bottom!.height - top!.y },
  });
  expect(status).toMatch(/^200/);
  const shown = await page.$eval(`${block} .live-responses-table .microlight`, (el) => el.textContent ?? '');
  expect(JSON.parse(shown)).toMatchObject({
    messages: expect.any(Array),
    transactionId: expect.stringMatching(/^[A-Z0-9]{8}$/),
  });
  expect(env.received.lines.filter((l) => l.includes('MarketQuery_OfferQuery from')).length).toBe(before + 1);
  expect(outside).toEqual([]);
  expect(existsSync(SCREENSHOT)).toBe(true);
});

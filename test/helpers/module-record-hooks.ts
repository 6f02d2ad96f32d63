/**
 * Node module hooks (see `module.register`) that append the URL of every
 * module loaded through the ESM loader to the file given as `data.file`,
 * one per line, before the module is evaluated. Used by
 * loaded-modules-probe.ts.
 */
import { appendFileSync } from 'node:fs';

let file = '';

export function initialize(data: { readonly file: string }): void {
  file = data.file;
}

export async function load(
  url: string,
  context: unknown,
  nextLoad: (url: string, context: unknown) => Promise<unknown>,
): Promise<unknown> {
  appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}

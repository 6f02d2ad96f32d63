/**
 * libxml2 as a test oracle: schema validation through the `xmllint-wasm`
 * package (libxml2 2.13 compiled to WebAssembly, no native dependency) and
 * canonicalisation through the Debian `xmllint` command (libxml2-utils).
 *
 * Loading a schema costs tens of milliseconds and every `validateXML` call
 * starts a worker, so validate many documents per call: see
 * {@link validateWithLibxml2} and, for single values, {@link libxml2Verdicts}.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

/** A file handed to libxml2: a document to validate or a schema to preload. */
export interface XmlFile {
  readonly fileName: string;
  readonly contents: string;
}

/** One message libxml2 printed about a document. */
export interface Libxml2Message {
  /** Line libxml2 attributes the problem to; null when it gave none. */
  readonly line: number | null;
  /** The message without the `file:line:` prefix; context lines (source excerpt, caret) appended after newlines. */
  readonly message: string;
}

/** Verdict for one document. */
export interface DocumentVerdict {
  readonly fileName: string;
  /** True only if libxml2 said `<file> validates`; a document that fails to parse is invalid. */
  readonly valid: boolean;
  readonly errors: readonly Libxml2Message[];
}

export interface ValidateOptions {
  /** Name the schema is loaded under (default `schema.xsd`); matters only for `xs:include`/`xs:import`. */
  readonly schemaFileName?: string;
  /** Further schema files the main one includes or imports, by the file names it uses. */
  readonly preload?: readonly XmlFile[];
  /** WebAssembly memory limit in 64 KiB pages (default 16384 = 1 GiB; big batches need room). */
  readonly maxMemoryPages?: number;
}

/**
 * The repository root. Jest (like every npm script) runs from it; computing
 * it from the module's own location is not possible in both ESM and the
 * CommonJS that SWC produces for jest.
 */
export const repoRoot = process.cwd();

/**
 * The schema directory of one release: `MMS_SCHEMA_DIR` if set, else
 * `../shared/mms-schemas/2025-12` beside the repository. With `release`, the
 * sibling folder of that name (release folders sit side by side).
 */
export function schemaDir(release?: string): string {
  const dir = process.env.MMS_SCHEMA_DIR ?? path.resolve(repoRoot, '../shared/mms-schemas/2025-12');
  return release === undefined ? dir : path.join(path.dirname(dir), release);
}

/** Release folders next to {@link schemaDir} that hold schema files, sorted (falls back to the one directory). */
export function schemaReleases(): string[] {
  const dir = schemaDir();
  const parent = path.dirname(dir);
  const releases = readdirSync(parent, { withFileTypes: true })
    .filter((e) => e.isDirectory() && readdirSync(path.join(parent, e.name)).some((f) => f.endsWith('.xsd')))
    .map((e) => e.name)
    .sort();
  return releases.length > 0 ? releases : [path.basename(dir)];
}

/** The schema and WSDL file names of a release, sorted. */
export function schemaFiles(release?: string): string[] {
  return readdirSync(schemaDir(release))
    .filter((f) => f.endsWith('.xsd') || f.endsWith('.wsdl'))
    .sort();
}

/** Read one schema (or WSDL) file as text, e.g. `loadSchema('mi-market.xsd')` or `loadSchema('omi.xsd', '2024-03')`. */
export function loadSchema(fileName: string, release?: string): string {
  return readFileSync(path.join(schemaDir(release), fileName), 'utf8');
}

const MAX_FILES_PER_CALL = 1500;

/**
 * Validate many documents against one schema with libxml2, in one worker.
 * Returns one verdict per document, in input order. File names must be
 * unique, must not start with `-` and must not contain line breaks.
 *
 * @throws if libxml2 cannot compile the schema (the message is libxml2's).
 */
export async function validateWithLibxml2(
  schemaText: string,
  documents: readonly XmlFile[],
  options: ValidateOptions = {},
): Promise<DocumentVerdict[]> {
  const names = documents.map((d) => d.fileName);
  const schemaFileName = options.schemaFileName ?? 'schema.xsd';
  const all = [...names, schemaFileName, ...(options.preload ?? []).map((f) => f.fileName)];
  if (new Set(all).size !== all.length) throw new Error('validateWithLibxml2: file names must be unique');
  for (const name of all) {
    if (name === '' || /[\r\n]/.test(name))
      throw new Error(`validateWithLibxml2: bad file name ${JSON.stringify(name)}`);
  }
  if (documents.length === 0) return [];
  // xmllint-wasm runs out of bounds somewhere past 3,000 files in one call
  // (whatever their size) and reports it as a schema that does not compile:
  // split large batches.
  if (documents.length > MAX_FILES_PER_CALL) {
    const verdicts: DocumentVerdict[] = [];
    for (let i = 0; i < documents.length; i += MAX_FILES_PER_CALL) {
      verdicts.push(
        ...(await validateWithLibxml2(schemaText, documents.slice(i, i + MAX_FILES_PER_CALL), options)),
      );
    }
    return verdicts;
  }

  let output: string;
  try {
    const result = await validateXML({
      schema: [{ fileName: schemaFileName, contents: schemaText }],
      xml: documents.map((d) => ({ fileName: d.fileName, contents: d.contents })),
      preload: (options.preload ?? []).map((f) => ({ fileName: f.fileName, contents: f.contents })),
      maxMemoryPages: options.maxMemoryPages ?? 16384,
    });
    output = result.rawOutput;
  } catch (error) {
    // xmllint-wasm rejects on exit codes it does not expect, which include a
    // document that is not well-formed (code 1) as well as a schema that does
    // not compile (code 5); only the latter is a failure of this call.
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'number' || code === 5 || /failed to compile/.test(message)) {
      throw new Error(`libxml2 could not compile the schema:\n${message}`, { cause: error });
    }
    output = message;
  }
  return parseXmllintOutput(output, names);
}

/**
 * Split xmllint's stderr into per-document verdicts. Lines look like
 * `<file>:<line>: <message>`, `<file> validates` or `<file> fails to validate`;
 * parser errors are followed by lines without a prefix (a source excerpt and a
 * caret) that belong to the message before them. File names are matched
 * against the known names (longest first), never split at a colon, so names
 * containing colons or digits are safe.
 */
export function parseXmllintOutput(output: string, fileNames: readonly string[]): DocumentVerdict[] {
  const byLength = [...fileNames].sort((a, b) => b.length - a.length);
  const state = new Map(
    fileNames.map((n) => [n, { validates: false, errors: [] as { line: number | null; message: string }[] }]),
  );
  let last: { message: string } | undefined;
  for (const line of output.split('\n')) {
    if (line === '') continue;
    const name = byLength.find((n) => line.startsWith(n) && /^[: ]/.test(line.slice(n.length)));
    const doc = name === undefined ? undefined : state.get(name);
    if (name !== undefined && doc !== undefined) {
      const rest = line.slice(name.length);
      if (rest === ' validates') {
        doc.validates = true;
        last = undefined;
        continue;
      }
      if (rest === ' fails to validate') {
        last = undefined;
        continue;
      }
      const located = /^:(\d+): ?([\s\S]*)$/.exec(rest);
      const error = located
        ? { line: Number(located[1]), message: located[2] ?? '' }
        : { line: null, message: rest.replace(/^[: ]+/, '') };
      doc.errors.push(error);
      last = error;
      continue;
    }
    // A line that names no document continues the previous message; with no
    // previous message it is a global one, which is attached nowhere.
    if (last !== undefined) last.message += `\n${line}`;
  }
  return fileNames.map((fileName) => {
    const doc = state.get(fileName);
    const errors = doc?.errors ?? [];
    return { fileName, valid: (doc?.validates ?? false) && errors.length === 0, errors };
  });
}

/** One restriction step: facets as XSD element names and (unescaped) values, e.g. `{ facet: 'pattern', value: '[0-9]*' }`. */
export interface FacetSpec {
  readonly facet: string;
  readonly value: string;
}

/** A simple type for {@link libxml2Verdicts}: a built-in (`xs:decimal`) restricted step by step. */
export interface SimpleTypeSpec {
  readonly base: string;
  /** Restriction steps, outermost last; each step's facets sit in one `xs:restriction`. */
  readonly steps: readonly (readonly FacetSpec[])[];
}

/** A value to check against type number `type` of the list given to {@link libxml2Verdicts}. */
export interface ValueCase {
  readonly type: number;
  readonly value: string;
}

/** Whether a string can be written in an XML 1.0 document at all (the Char production). */
export function isXmlText(value: string): boolean {
  return !/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(value);
}

/**
 * Escape text for element content or a double-quoted attribute so that it
 * reaches the schema validator unchanged: markup characters as entities, and
 * every character outside printable ASCII (tab, newline and carriage return
 * included, which the parser would otherwise normalise) as a character
 * reference. The output is a single line.
 */
export function escapeXmlText(value: string): string {
  let out = '';
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (c < 0x20 || c > 0x7e) out += `&#${c};`;
    else out += ch;
  }
  return out;
}

/** The XSD {@link libxml2Verdicts} validates against: named types `T<i>`, elements `e<i>`, root `r` taking any of them. */
export function verdictSchema(types: readonly SimpleTypeSpec[]): string {
  const defs: string[] = [];
  const elements: string[] = [];
  types.forEach((type, i) => {
    let base = type.base;
    const steps = type.steps.length === 0 ? [[]] : type.steps;
    steps.forEach((facets, s) => {
      const name = s === steps.length - 1 ? `T${i}` : `T${i}_${s}`;
      const body = facets.map((f) => `<xs:${f.facet} value="${escapeXmlText(f.value)}"/>`).join('');
      defs.push(
        `<xs:simpleType name="${name}"><xs:restriction base="${base}">${body}</xs:restriction></xs:simpleType>`,
      );
      base = name;
    });
    elements.push(`<xs:element name="e${i}" type="T${i}"/>`);
  });
  return [
    '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">',
    ...defs,
    '<xs:element name="r"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded">',
    ...elements,
    '</xs:choice></xs:complexType></xs:element>',
    '</xs:schema>',
  ].join('\n');
}

/**
 * Ask libxml2 whether each value is valid for its simple type: one schema
 * holding every type, and documents with one element per line, so the line
 * of each error names the value. Returns one boolean per case, in order.
 * Values that XML 1.0 cannot carry (most C0 controls, lone surrogates) throw:
 * filter them with {@link isXmlText} first.
 */
export async function libxml2Verdicts(
  types: readonly SimpleTypeSpec[],
  cases: readonly ValueCase[],
): Promise<boolean[]> {
  // libxml2 keeps line numbers in 16 bits unless asked otherwise, so keep
  // documents well below 65535 lines.
  const perDocument = 20000;
  const documents: XmlFile[] = [];
  for (let start = 0; start < cases.length; start += perDocument) {
    const lines = cases.slice(start, start + perDocument).map(({ type, value }) => {
      if (!isXmlText(value))
        throw new Error(`libxml2Verdicts: ${JSON.stringify(value)} cannot be written in XML 1.0`);
      if (types[type] === undefined) throw new Error(`libxml2Verdicts: no type ${type}`);
      return `<e${type}>${escapeXmlText(value)}</e${type}>`;
    });
    documents.push({ fileName: `values-${start}.xml`, contents: `<r>\n${lines.join('\n')}\n</r>\n` });
  }
  const verdicts = await validateWithLibxml2(verdictSchema(types), documents);
  const accepted = cases.map(() => true);
  verdicts.forEach((doc, d) => {
    const start = d * perDocument;
    const count = Math.min(perDocument, cases.length - start);
    for (const error of doc.errors) {
      // Line 1 holds <r>, so case k of this document is on line k + 2.
      const k = error.line === null ? -1 : error.line - 2;
      if (k < 0 || k >= count) {
        throw new Error(
          `libxml2Verdicts: cannot place libxml2 message on a value: ${error.line}: ${error.message}`,
        );
      }
      accepted[start + k] = false;
    }
    if (!doc.valid && doc.errors.length === 0)
      throw new Error(`libxml2Verdicts: ${doc.fileName} failed without messages`);
  });
  return accepted;
}

/** Canonicalisation variants the `xmllint` command offers; all of them keep comments. */
export type C14nMode = 'c14n' | 'c14n11' | 'exc-c14n';

/** Path of the native `xmllint`: `$XMLLINT`, else `/usr/bin/xmllint`, else whatever `PATH` finds. */
export function xmllintCommand(): string {
  return process.env.XMLLINT ?? (existsSync('/usr/bin/xmllint') ? '/usr/bin/xmllint' : 'xmllint');
}

/**
 * Canonicalise a document with the native `xmllint --c14n` (Canonical XML
 * 1.0 *with* comments: xmllint has no switch to drop them, so compare
 * documents without comments, or strip them first). Synchronous, one process
 * per call; use {@link c14nWithXmllintBatch} for many documents.
 *
 * @throws with xmllint's stderr if the document is not well-formed or the command is missing.
 */
export function c14nWithXmllint(xml: string, mode: C14nMode = 'c14n'): string {
  try {
    return execFileSync(xmllintCommand(), [`--${mode}`, '-'], {
      input: xml,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new Error(
      `xmllint --${mode} failed: ${typeof stderr === 'string' && stderr !== '' ? stderr : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/** {@link c14nWithXmllint} for many documents, run as parallel processes; results in input order. */
export async function c14nWithXmllintBatch(
  xmls: readonly string[],
  mode: C14nMode = 'c14n',
): Promise<string[]> {
  const results: string[] = new Array<string>(xmls.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < xmls.length) {
      const i = next++;
      results[i] = await c14nOne(xmls[i] ?? '', mode);
    }
  };
  await Promise.all(Array.from({ length: Math.min(cpus().length, xmls.length) }, worker));
  return results;
}

function c14nOne(xml: string, mode: C14nMode): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(xmllintCommand(), [`--${mode}`, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(new Error(`xmllint --${mode} failed (exit ${code}): ${Buffer.concat(err).toString('utf8')}`));
    });
    child.stdin.end(xml, 'utf8');
  });
}

/**
 * Invalid values, one broken rule at a time. Each case starts from a random
 * valid request document of some operation, breaks exactly one rule at the
 * deepest place it can, and then requires
 * - our validator to report exactly one violation, at exactly the mutated
 *   path (`MarketData.MarketSubmit.OfferData[0].OfferStack[2].OfferUnitPrice`),
 *   with a message that names the rule; and
 * - libxml2 to reject the encoded document against the real XSD, naming the
 *   same facet (`[facet 'maxLength']`) or structural problem.
 *
 * Facets, systematically: every simple type of the market, omi, registration
 * and report modules that has a facet, and for each of its facets (each
 * pattern step separately) a lexical value that breaks that facet and keeps
 * every other one. Types that no request document can hold (bases of other
 * types, response-only types) are checked as the content of a probe element
 * declared in a wrapper schema that includes the real one. Where one facet
 * cannot be broken alone (a pattern that fixes the length) the pair is
 * listed, with the reason checked.
 *
 * Structure: a missing required attribute, a missing required element, too
 * many and too few occurrences, a single element given as a list, and two
 * branches of a choice.
 */
import fc from 'fast-check';
import { modules, operations } from '../../generated/index.js';
import {
  UNBOUNDED,
  type ComplexTypeDescriptor,
  type GroupDescriptor,
  type ModuleDescriptor,
  type OperationDescriptor,
  type SimpleTypeDescriptor,
} from '../../src/xml/descriptors.js';
import { encodeDocument, encodeElement } from '../../src/xml/encode.js';
import { formatNumber } from '../../src/xml/facets.js';
import { complexIndex, resolveType } from '../../src/xml/schema-index.js';
import { formatViolation, validateValue, type Violation } from '../../src/xml/validate.js';
import {
  arbitraryFor,
  arbitrarySimple,
  codePointLength,
  compareDecimal,
  formatScaled,
  operationSeed,
  parseDecimal,
  patternLengthRange,
  sampleOperationDocuments,
  type Rec,
  type Value,
} from '../helpers/arbitrary.js';
import { translatePattern } from '../../src/xml/pattern.js';
import {
  isXmlText,
  libxml2Verdicts,
  loadSchema,
  validateWithLibxml2,
  type DocumentVerdict,
} from '../helpers/xmllint.js';

const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : 20251201;
/** Valid documents per operation (every optional member present) to find places in. */
const POOL = 6;
const PAYLOAD_MODULES = ['market', 'omi', 'registration', 'report'] as const;
type PayloadModuleName = (typeof PAYLOAD_MODULES)[number];

type FacetKind =
  | 'enumeration'
  | 'length'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'minInclusive'
  | 'maxInclusive'
  | 'fractionDigits'
  | 'totalDigits';
const FACET_KINDS: readonly FacetKind[] = [
  'enumeration',
  'length',
  'minLength',
  'maxLength',
  'pattern',
  'minInclusive',
  'maxInclusive',
  'fractionDigits',
  'totalDigits',
];

/** How our validator words each rule. */
const RULE_MESSAGE: Record<FacetKind, RegExp> = {
  enumeration: /is not one of: /,
  length: /is not exactly \d+ characters? long/,
  minLength: /is shorter than \d+ characters?/,
  maxLength: /is longer than \d+ characters?/,
  pattern: /does not match pattern /,
  minInclusive: /is below the minimum /,
  maxInclusive: /is above the maximum /,
  fractionDigits: /has \d+ fraction digits?, at most \d+ allowed/,
  totalDigits: /has \d+ digits?, at most \d+ allowed/,
};

type StructuralKind =
  'requiredAttribute' | 'requiredElement' | 'tooMany' | 'tooFew' | 'listForSingle' | 'twoChoiceBranches';
const STRUCTURAL_MESSAGE: Record<StructuralKind, RegExp> = {
  requiredAttribute: /^required attribute is missing$/,
  requiredElement: /^required element is missing$/,
  tooMany: /^at most \d+ allowed, got \d+$/,
  tooFew: /^at least \d+ required, got \d+$/,
  listForSingle: /^expected a single value, got a list$/,
  twoChoiceBranches: /^only one of .+ may be given \(xs:choice\)$/,
};
/** libxml2 on an element that may not stand where it is: `Element 'X': This element is not expected.` */
const notExpected = (names: string[]): RegExp =>
  new RegExp(`Element '(${names.join('|')})': This element is not expected`);
/** libxml2 on a missing element: `Missing child element(s). Expected is ( X ).`, or the next element is not expected. */
const expectedIs = (name: string): RegExp => new RegExp(`Expected is .*\\b${name}\\b`);

interface Case {
  readonly id: string;
  readonly module: PayloadModuleName;
  readonly rule: FacetKind | StructuralKind;
  /** Where the value sits: an operation's document, or a probe element of the wrapper schema. */
  readonly where: string;
  readonly violations: Violation[];
  readonly expectedPath: string;
  readonly xml: string;
  /** Schema file the document is validated against ('' = the wrapper schema of the module). */
  readonly schema: string;
  readonly libxml2: RegExp;
  verdict?: DocumentVerdict;
}

interface Skip {
  readonly id: string;
  readonly reason: string;
  /** Checked justification: true when the reason was verified. */
  readonly verified: boolean;
}

const catalog = Object.values(operations as Record<string, OperationDescriptor>).sort((a, b) =>
  a.id < b.id ? -1 : 1,
);

// ---------------------------------------------------------------------------
// Places in a document

interface SimpleSite {
  readonly kind: 'simple';
  readonly type: string;
  /** The element libxml2 will name, and the attribute when the value is one. */
  readonly element: string;
  readonly attribute?: string;
  readonly path: string;
  readonly depth: number;
  set(value: Value): void;
}
interface ObjectSite {
  readonly kind: 'object';
  readonly type: ComplexTypeDescriptor;
  readonly path: string;
  readonly depth: number;
  readonly object: Rec;
}
type Site = SimpleSite | ObjectSite;

/** Every attribute, text and element of a valid value, with the path our validator uses. */
function sitesOf(
  module: ModuleDescriptor,
  typeRef: string,
  value: Value,
  path: string,
  depth = 0,
  out: Site[] = [],
  element = path,
): Site[] {
  const type = resolveType(module, typeRef);
  if (type.kind !== 'complex') return out;
  const object = value as Rec;
  out.push({ kind: 'object', type, path, depth, object });
  for (const attribute of type.attributes) {
    if (object[attribute.name] === undefined) continue;
    out.push({
      kind: 'simple',
      type: attribute.type,
      element,
      attribute: attribute.name,
      path: `${path}.${attribute.name}`,
      depth: depth + 1,
      set: (v) => (object[attribute.name] = v),
    });
  }
  if (type.text !== undefined && object.value !== undefined) {
    out.push({
      kind: 'simple',
      type: type.text,
      element,
      path: `${path}.value`,
      depth: depth + 1,
      set: (v) => (object.value = v),
    });
  }
  for (const [name, member] of complexIndex(type).elements) {
    const v = object[name];
    if (v === undefined) continue;
    const items = member.array ? (v as Value[]) : [v];
    const simple = resolveType(module, member.element.type).kind === 'simple';
    items.forEach((item, i) => {
      const at = member.array ? `${path}.${name}[${i}]` : `${path}.${name}`;
      if (simple) {
        out.push({
          kind: 'simple',
          type: member.element.type,
          element: name,
          path: at,
          depth: depth + 1,
          set: member.array ? (x) => ((v as Value[])[i] = x) : (x) => (object[name] = x),
        });
      } else sitesOf(module, member.element.type, item, at, depth + 1, out, name);
    });
  }
  return out;
}

interface Pooled {
  readonly op: OperationDescriptor;
  readonly index: number;
  readonly doc: Rec;
  readonly sites: Site[];
}

const pools = new Map<PayloadModuleName, Pooled[]>();
for (const op of catalog) {
  const module = modules[op.module];
  const docs = sampleOperationDocuments(module, op, POOL, SEED, { presence: 'all' });
  const list = pools.get(op.module) ?? [];
  pools.set(op.module, list);
  docs.forEach((doc, index) =>
    list.push({ op, index, doc, sites: sitesOf(module, module.elements[op.root]!, doc, op.root) }),
  );
}

/** Path of the operation's data element(s) in its documents. */
function dataPath(op: OperationDescriptor): string {
  return op.envelope === undefined ? `${op.root}.${op.element}` : `${op.root}.${op.envelope}.${op.element}`;
}

/** Whether a place lies inside the operation's data (not the root's or the envelope's attributes). */
function inData(site: Site, op: OperationDescriptor): boolean {
  const prefix = dataPath(op);
  return site.path === prefix || site.path.startsWith(`${prefix}.`) || site.path.startsWith(`${prefix}[`);
}

/** The deepest place in operation data matching `want` over the module's pool (ties: the last one, so list indexes are often > 0). */
function deepest(
  module: PayloadModuleName,
  want: (site: Site, pooled: Pooled) => boolean,
): { pooled: Pooled; site: Site } | undefined {
  let best: { pooled: Pooled; site: Site } | undefined;
  for (const pooled of pools.get(module) ?? []) {
    for (const site of pooled.sites) {
      if (!inData(site, pooled.op) || !want(site, pooled)) continue;
      if (best === undefined || site.depth >= best.site.depth) best = { pooled, site };
    }
  }
  return best;
}

/** Clone the pooled document, find the same place in the clone and let `mutate` change it. */
function mutated(module: PayloadModuleName, pooled: Pooled, path: string, mutate: (site: Site) => void): Rec {
  const doc = structuredClone(pooled.doc);
  const md = modules[module];
  const site = sitesOf(md, md.elements[pooled.op.root]!, doc, pooled.op.root).find((s) => s.path === path);
  if (!site) throw new Error(`lost ${path} in the clone`);
  mutate(site);
  return doc;
}

// ---------------------------------------------------------------------------
// Breaking one facet of a simple type

const facetsOf = (t: SimpleTypeDescriptor): FacetKind[] =>
  FACET_KINDS.filter((k) =>
    k === 'pattern' ? (t.facets.patterns?.length ?? 0) > 0 : t.facets[k] !== undefined,
  );

const INT_RANGE: Partial<Record<string, [bigint, bigint]>> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** The built-in's lexical space (our own check, independent of src/xml). */
function builtinOk(t: SimpleTypeDescriptor, lexical: string): boolean {
  switch (t.builtin) {
    case 'string':
      return isXmlText(lexical);
    case 'int':
    case 'long':
    case 'integer': {
      if (!/^[+-]?\d+$/.test(lexical)) return false;
      const range = INT_RANGE[t.builtin];
      return range === undefined || (BigInt(lexical) >= range[0] && BigInt(lexical) <= range[1]);
    }
    case 'decimal':
      return parseDecimal(lexical) !== null;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(lexical);
    case 'dateTime':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(lexical);
    default:
      return true;
  }
}

function fractionDigitsOf(lexical: string): number {
  const m = /\.(\d*?)0*$/.exec(lexical);
  return m ? m[1]!.length : 0;
}

function totalDigitsOf(lexical: string): number {
  const m = /^[+-]?0*(\d*?)(?:\.(\d*?)0*)?$/.exec(lexical);
  if (!m) return Infinity;
  const digits = `${m[1] ?? ''}${m[2] ?? ''}`.replace(/^0+/, '');
  return Math.max(1, (m[1] ?? '').length + (m[2] ?? '').length, digits.length);
}

const isNumeric = (t: SimpleTypeDescriptor): boolean =>
  ['int', 'integer', 'long', 'decimal', 'float'].includes(t.builtin);

function compareBound(t: SimpleTypeDescriptor, a: string, b: string): number {
  if (isNumeric(t)) return compareDecimal(parseDecimal(a)!, parseDecimal(b)!);
  return a < b ? -1 : a > b ? 1 : 0; // fixed-width dates compare as text
}

/** Whether one facet (one pattern step) holds for a lexical value. */
function facetHolds(t: SimpleTypeDescriptor, kind: FacetKind, lexical: string, step?: number): boolean {
  const f = t.facets;
  switch (kind) {
    case 'enumeration':
      return f.enumeration!.includes(lexical);
    case 'length':
      return codePointLength(lexical) === f.length;
    case 'minLength':
      return codePointLength(lexical) >= f.minLength!;
    case 'maxLength':
      return codePointLength(lexical) <= f.maxLength!;
    case 'pattern': {
      const steps = f.patterns!;
      const chosen = step === undefined ? steps : [steps[step]!];
      return chosen.every((s) => s.some((p) => translatePattern(p).test(lexical)));
    }
    case 'minInclusive':
      return compareBound(t, lexical, f.minInclusive!) >= 0;
    case 'maxInclusive':
      return compareBound(t, lexical, f.maxInclusive!) <= 0;
    case 'fractionDigits':
      return fractionDigitsOf(lexical) <= f.fractionDigits!;
    case 'totalDigits':
      return totalDigitsOf(lexical) <= f.totalDigits!;
  }
}

/** Lexical form actually written for a JS value of the type. */
function lexicalOf(t: SimpleTypeDescriptor, value: Value): string {
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

/** The JS value for a lexical form, or undefined when the JS representation cannot carry it unchanged. */
function valueFor(t: SimpleTypeDescriptor, lexical: string): Value | undefined {
  if (t.js === 'string') return lexical;
  if (t.js === 'boolean') return lexical === 'true' ? true : lexical === 'false' ? false : undefined;
  const n = Number(lexical);
  return Number.isFinite(n) && formatNumber(n) === lexical ? n : undefined;
}

/** Breaks exactly `kind` (pattern step `step`), keeps the built-in and every other facet. */
function breaksOnly(
  t: SimpleTypeDescriptor,
  kind: FacetKind,
  step: number | undefined,
  lexical: string,
): boolean {
  if (!builtinOk(t, lexical)) return false;
  if (facetHolds(t, kind, lexical, step)) return false;
  for (const other of facetsOf(t)) {
    if (other === 'pattern') {
      const steps = t.facets.patterns!;
      for (let s = 0; s < steps.length; s++) {
        if (kind === 'pattern' && s === step) continue;
        if (!facetHolds(t, 'pattern', lexical, s)) return false;
      }
    } else if (other !== kind && !facetHolds(t, other, lexical)) return false;
  }
  return true;
}

const REPLACEMENTS = [
  'a',
  'Z',
  '0',
  '5',
  '9',
  '#',
  ' ',
  '_',
  '-',
  '.',
  'あ',
  'ア',
  '亜',
  '€',
  '😀',
  'ｱ',
  'x',
];

function validSamples(t: SimpleTypeDescriptor, n: number, seed: number, override?: FacetOverride): Value[] {
  const type: SimpleTypeDescriptor = override ? { ...t, facets: withFacets(t.facets, override) } : t;
  try {
    return fc.sample(arbitrarySimple(type), { numRuns: n, seed });
  } catch {
    return [];
  }
}

/** Facets to replace; `undefined` removes one. */
type FacetOverride = {
  [K in keyof SimpleTypeDescriptor['facets']]?: SimpleTypeDescriptor['facets'][K] | undefined;
};

function withFacets(
  base: SimpleTypeDescriptor['facets'],
  override: FacetOverride,
): SimpleTypeDescriptor['facets'] {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as SimpleTypeDescriptor['facets'];
}

/** Candidate lexical values meant to break `kind`; filtered afterwards with {@link breaksOnly}. */
function candidates(
  t: SimpleTypeDescriptor,
  kind: FacetKind,
  step: number | undefined,
  seed: number,
): string[] {
  const f = t.facets;
  const out: string[] = [];
  const fromValues = (vs: Value[]): void => {
    for (const v of vs) out.push(lexicalOf(t, v));
  };
  switch (kind) {
    case 'enumeration': {
      const first = f.enumeration![0] ?? '';
      out.push(
        `${first}X`,
        `X${first}`,
        'ZZZZ',
        '0',
        '99',
        'x',
        first.toLowerCase(),
        first.slice(0, -1),
        `${first} `,
      );
      break;
    }
    case 'length':
      fromValues(
        validSamples(t, 30, seed, { length: undefined, minLength: f.length! + 1, maxLength: f.length! + 3 }),
      );
      if (f.length! > 0)
        fromValues(
          validSamples(t, 30, seed, {
            length: undefined,
            minLength: Math.max(0, f.length! - 3),
            maxLength: f.length! - 1,
          }),
        );
      break;
    case 'maxLength':
      fromValues(
        validSamples(t, 30, seed, {
          maxLength: f.maxLength! + 3,
          minLength: Math.max(f.minLength ?? 0, f.maxLength! + 1),
        }),
      );
      break;
    case 'minLength':
      if (f.minLength! > 0)
        fromValues(
          validSamples(t, 30, seed, {
            minLength: Math.max(0, f.minLength! - 3),
            maxLength: f.minLength! - 1,
          }),
        );
      break;
    case 'pattern':
      for (const v of validSamples(t, 30, seed)) {
        const chars = Array.from(lexicalOf(t, v));
        for (let i = 0; i <= chars.length; i++) {
          for (const r of REPLACEMENTS) {
            out.push([...chars.slice(0, i), r, ...chars.slice(i + 1)].join(''));
            out.push([...chars.slice(0, i), r, ...chars.slice(i)].join(''));
          }
          if (i < chars.length) out.push([...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
        }
      }
      break;
    case 'minInclusive':
    case 'maxInclusive': {
      const bound = kind === 'minInclusive' ? f.minInclusive! : f.maxInclusive!;
      const delta = kind === 'minInclusive' ? -1n : 1n;
      if (isNumeric(t)) {
        const b = parseDecimal(bound)!;
        const integral = t.builtin !== 'decimal' && t.builtin !== 'float';
        const scales = integral ? [0] : [...new Set([f.fractionDigits ?? b.scale, 0, 1, 2, 3])];
        for (const s of scales) {
          const scaled = s >= b.scale ? b.n * 10n ** BigInt(s - b.scale) : null;
          if (scaled !== null) out.push(formatScaled(scaled + delta, s));
        }
      } else {
        out.push(shiftDate(bound, kind === 'minInclusive' ? -1 : 1));
      }
      break;
    }
    case 'fractionDigits': {
      const digits = f.fractionDigits! + 1;
      const lo = f.minInclusive !== undefined ? parseDecimal(f.minInclusive)! : { n: 0n, scale: 0 };
      const base = lo.scale <= digits ? lo.n * 10n ** BigInt(digits - lo.scale) : 0n;
      for (const k of [base + 1n, base + 3n, base + 11n, 1n, -1n]) out.push(formatScaled(k, digits));
      break;
    }
    case 'totalDigits':
      out.push(
        '1'.repeat(f.totalDigits! + 1),
        `1.${'1'.repeat(f.totalDigits!)}`,
        `0.${'1'.repeat(f.totalDigits! + 1)}`,
      );
      break;
  }
  return out;
}

function shiftDate(lexical: string, days: number): string {
  const time = lexical.length > 10 ? lexical.slice(10) : '';
  const d = new Date(`${lexical.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.toISOString().slice(0, 10)}${time}`;
}

/** A value breaking only `kind` (step `step`), or why there is none. */
function violation(
  t: SimpleTypeDescriptor,
  kind: FacetKind,
  step: number | undefined,
  seed: number,
): { value: Value; lexical: string } | { none: string; verified: boolean } {
  for (const candidate of candidates(t, kind, step, seed)) {
    // A JS number is written as formatNumber gives it: check that form.
    const lexical =
      t.js === 'number' && Number.isFinite(Number(candidate)) ? formatNumber(Number(candidate)) : candidate;
    if (!breaksOnly(t, kind, step, lexical)) continue;
    const value = valueFor(t, lexical);
    if (value === undefined) continue;
    return { value, lexical };
  }
  return whyNone(t, kind, step);
}

/** Why no single-facet violation exists, checked where we can. */
function whyNone(
  t: SimpleTypeDescriptor,
  kind: FacetKind,
  step: number | undefined,
): { none: string; verified: boolean } {
  const f = t.facets;
  if (kind === 'length' || kind === 'minLength' || kind === 'maxLength') {
    if (kind === 'minLength' && f.minLength === 0)
      return { none: 'minLength 0 cannot be broken', verified: true };
    // A pattern step all of whose branches match only lengths inside the facet's range.
    const lo = f.length ?? f.minLength ?? 0;
    const hi = f.length ?? f.maxLength ?? Infinity;
    for (const s of f.patterns ?? []) {
      const ranges = s.map(patternLengthRange);
      const inside = ranges.every(([a, b]) =>
        kind === 'minLength' ? a >= lo : kind === 'maxLength' ? b <= hi : a >= lo && b <= hi,
      );
      if (inside) {
        return {
          none: `pattern ${JSON.stringify(s)} only matches lengths ${ranges.map(([a, b]) => `${a}..${b}`).join(', ')}`,
          verified: true,
        };
      }
    }
    return { none: 'no violating value found', verified: false };
  }
  if (kind === 'pattern' && step !== undefined) {
    const others = (f.patterns ?? []).filter((_s, i) => i !== step);
    if (others.length > 0) {
      // Checked by sampling: values of the other steps always satisfy this one.
      const probe: SimpleTypeDescriptor = { ...t, facets: withFacets(f, { patterns: others }) };
      const samples = validSamples(probe, 200, 1);
      const subsumed =
        samples.length > 0 && samples.every((v) => facetHolds(t, 'pattern', lexicalOf(t, v), step));
      return { none: `implied by the other pattern step ${JSON.stringify(others)}`, verified: subsumed };
    }
  }
  return { none: 'no violating value found', verified: false };
}

// ---------------------------------------------------------------------------
// Building the cases

const cases: Case[] = [];
const skips: Skip[] = [];
/** (module, type) pairs that no pooled request document holds: probed through the wrapper schema. */
const probeTypes = new Map<PayloadModuleName, Set<string>>();

function addDocumentCase(
  module: PayloadModuleName,
  id: string,
  rule: Case['rule'],
  pooled: Pooled,
  path: string,
  doc: Rec,
  libxml2: RegExp,
): void {
  const md = modules[module];
  const op = pooled.op;
  cases.push({
    id,
    module,
    rule,
    where: `${op.id} document #${pooled.index} (presence all, PROPERTY_SEED=${SEED}, operation seed ${operationSeed(SEED, op.id)})`,
    violations: validateValue(md, md.elements[op.root]!, doc, op.root),
    expectedPath: path,
    xml: encodeDocument(md, op.root, doc),
    schema: md.file,
    libxml2,
  });
}

const probeName = (type: string): string => `Probe_${type.replace(/[^A-Za-z0-9_]/g, '_')}`;

for (const module of PAYLOAD_MODULES) {
  const md = modules[module];
  for (const t of Object.values(md.types)) {
    if (t.kind !== 'simple') continue;
    const kinds = facetsOf(t);
    if (kinds.length === 0) continue;
    const place = deepest(module, (site) => site.kind === 'simple' && site.type === t.name);
    for (const kind of kinds) {
      const steps = kind === 'pattern' ? t.facets.patterns!.map((_p, i) => i) : [undefined];
      for (const step of steps) {
        const id = `${module} ${t.name} ${kind}${step === undefined || t.facets.patterns!.length === 1 ? '' : ` (step ${step + 1})`}`;
        const found = violation(t, kind, step, operationSeed(SEED, id));
        if ('none' in found) {
          skips.push({ id, reason: found.none, verified: found.verified });
          continue;
        }
        const facet = `\\[facet '${kind}'\\]`;
        if (place) {
          const site = place.site as SimpleSite;
          const node =
            site.attribute === undefined
              ? `Element '${site.element}'`
              : `Element '${site.element}', attribute '${site.attribute}'`;
          const libxml2 = new RegExp(`${node}: ${facet}`);
          const doc = mutated(module, place.pooled, place.site.path, (s) =>
            (s as SimpleSite).set(found.value),
          );
          addDocumentCase(
            module,
            `${id} = ${JSON.stringify(found.lexical)}`,
            kind,
            place.pooled,
            place.site.path,
            doc,
            libxml2,
          );
        } else {
          const set = probeTypes.get(module) ?? new Set();
          probeTypes.set(module, set);
          set.add(t.name);
          const name = probeName(t.name);
          const libxml2 = new RegExp(`Element '${name}': ${facet}`);
          cases.push({
            id: `${id} = ${JSON.stringify(found.lexical)}`,
            module,
            rule: kind,
            where: `probe element ${name} (no request document holds ${t.name})`,
            violations: validateValue(md, t.name, found.value, name),
            expectedPath: name,
            xml: encodeElement(md, name, t.name, found.value),
            schema: '',
            libxml2,
          });
        }
      }
    }
  }
}

// Structure, deep inside operations' data.
for (const module of PAYLOAD_MODULES) {
  const md = modules[module];
  const complexTypes = Object.values(md.types).filter(
    (t): t is ComplexTypeDescriptor => t.kind === 'complex',
  );
  for (const t of complexTypes) {
    const place = deepest(module, (site) => site.kind === 'object' && site.type === t);
    if (!place) continue;
    const { pooled, site } = place;
    const index = complexIndex(t);
    // A missing required attribute.
    const attribute = t.attributes.find((a) => a.required);
    if (attribute) {
      const doc = mutated(module, pooled, site.path, (s) => delete (s as ObjectSite).object[attribute.name]);
      addDocumentCase(
        module,
        `${module} ${t.name} without @${attribute.name}`,
        'requiredAttribute',
        pooled,
        `${site.path}.${attribute.name}`,
        doc,
        new RegExp(`The attribute '${attribute.name}' is required but missing`),
      );
    }
    // Elements of the top-level group that is not a choice and does not repeat.
    const top =
      t.content && t.content.kind !== 'choice' && t.content.max === 1 && t.content.min >= 1
        ? t.content.particles
        : [];
    for (const p of top) {
      if (p.kind !== 'element') continue;
      const member = index.elements.get(p.name)!;
      if (p.min === 1 && p.max === 1 && !member.array) {
        const doc = mutated(module, pooled, site.path, (s) => delete (s as ObjectSite).object[p.name]);
        addDocumentCase(
          module,
          `${module} ${t.name} without ${p.name}`,
          'requiredElement',
          pooled,
          `${site.path}.${p.name}`,
          doc,
          expectedIs(p.name),
        );
      }
      if (p.max !== UNBOUNDED && p.max > 1 && member.array) {
        const doc = mutated(module, pooled, site.path, (s) => {
          const items = (s as ObjectSite).object[p.name] as Value[];
          while (items.length <= p.max) items.push(structuredClone(items[0]!));
        });
        addDocumentCase(
          module,
          `${module} ${t.name} with ${p.max + 1} ${p.name}`,
          'tooMany',
          pooled,
          `${site.path}.${p.name}`,
          doc,
          notExpected([p.name]),
        );
      }
      if (p.min > 1 && member.array) {
        const doc = mutated(module, pooled, site.path, (s) => {
          const items = (s as ObjectSite).object[p.name] as Value[];
          items.length = p.min - 1;
        });
        addDocumentCase(
          module,
          `${module} ${t.name} with ${p.min - 1} ${p.name}`,
          'tooFew',
          pooled,
          `${site.path}.${p.name}`,
          doc,
          expectedIs(p.name),
        );
      }
    }
  }
}

// A single element given as a list of two: the first single complex element
// of each operation's data type that the pool holds.
for (const op of catalog) {
  const md = modules[op.module];
  const place = deepest(op.module, (site, pooled) => {
    if (pooled.op !== op || site.kind !== 'object') return false;
    return [...complexIndex(site.type).elements.values()].some(
      (m) =>
        !m.array &&
        m.element.max === 1 &&
        site.object[m.element.name] !== undefined &&
        resolveType(md, m.element.type).kind === 'complex',
    );
  });
  if (!place) continue;
  const site = place.site as ObjectSite;
  const member = [...complexIndex(site.type).elements.values()].find(
    (m) =>
      !m.array &&
      m.element.max === 1 &&
      site.object[m.element.name] !== undefined &&
      resolveType(md, m.element.type).kind === 'complex',
  )!;
  const name = member.element.name;
  const doc = mutated(op.module, place.pooled, site.path, (s) => {
    const o = (s as ObjectSite).object;
    o[name] = [o[name]!, structuredClone(o[name]!)];
  });
  addDocumentCase(
    op.module,
    `${op.id}: ${site.type.name}.${name} as a list of two`,
    'listForSingle',
    place.pooled,
    `${site.path}.${name}`,
    doc,
    notExpected([name]),
  );
}

// Two branches of a choice: the operation's data element plus another branch
// of the same choice, in the envelope (or under the root for reports).
for (const op of catalog) {
  const md = modules[op.module];
  const holderType = resolveType(md, op.envelopeType ?? op.rootType) as ComplexTypeDescriptor;
  const choice = findChoice(holderType.content, op.element);
  if (!choice) continue;
  const other = choice.particles.flatMap(elementsOf).find((e) => e.name !== op.element);
  if (!other) continue;
  const pooled = pools.get(op.module)!.find((p) => p.op === op)!;
  const holderPath = op.envelope === undefined ? op.root : `${op.root}.${op.envelope}`;
  const extra = fc.sample(arbitraryFor(md, other.type), {
    numRuns: 1,
    seed: operationSeed(SEED, `${op.id}+${other.name}`),
  })[0]!;
  const doc = mutated(op.module, pooled, holderPath, (s) => {
    (s as ObjectSite).object[other.name] = complexIndex(holderType).elements.get(other.name)!.array
      ? [extra]
      : extra;
  });
  addDocumentCase(
    op.module,
    `${op.id} plus ${other.name}`,
    'twoChoiceBranches',
    pooled,
    holderPath,
    doc,
    notExpected([op.element, other.name]),
  );
}

function elementsOf(p: GroupDescriptor['particles'][number]): { name: string; type: string }[] {
  return p.kind === 'element' ? [{ name: p.name, type: p.type }] : p.particles.flatMap(elementsOf);
}

function findChoice(group: GroupDescriptor | undefined, element: string): GroupDescriptor | undefined {
  if (!group) return undefined;
  if (
    group.kind === 'choice' &&
    group.max === 1 &&
    group.particles.some((p) => elementsOf(p).some((e) => e.name === element))
  )
    return group;
  for (const p of group.particles) {
    if (p.kind !== 'element') {
      const found = findChoice(p, element);
      if (found) return found;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------

function wrapperSchema(module: PayloadModuleName, types: Set<string>): string {
  const elements = [...types].map((t) => `<xs:element name="${probeName(t)}" type="${t}"/>`);
  return `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="${modules[module].file}"/>${elements.join('')}</xs:schema>`;
}

beforeAll(async () => {
  const groups = new Map<string, Case[]>();
  for (const c of cases) {
    const key = `${c.module}|${c.schema}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  await Promise.all(
    [...groups].map(async ([key, list]) => {
      const [module, schema] = key.split('|') as [PayloadModuleName, string];
      const file = modules[module].file;
      const files = list.map((c, i) => ({ fileName: `case-${i}.xml`, contents: c.xml }));
      const verdicts =
        schema === ''
          ? await validateWithLibxml2(wrapperSchema(module, probeTypes.get(module)!), files, {
              schemaFileName: `probe-${module}.xsd`,
              preload: [{ fileName: file, contents: loadSchema(file) }],
            })
          : await validateWithLibxml2(loadSchema(file), files, { schemaFileName: file });
      verdicts.forEach((v, i) => (list[i]!.verdict = v));
    }),
  );
}, 120_000);

afterAll(() => {
  const byRule = new Map<string, number>();
  for (const c of cases) byRule.set(c.rule, (byRule.get(c.rule) ?? 0) + 1);
  const probed = cases.filter((c) => c.schema === '').length;
  console.log(
    `facet-violations: ${cases.length} cases (${probed} through probe elements): ` +
      [...byRule].map(([k, n]) => `${k} ${n}`).join(', ') +
      `\nnot breakable alone (${skips.length}):\n${skips.map((s) => `  ${s.id}: ${s.reason}`).join('\n')}`,
  );
});

describe('one broken rule at a time', () => {
  it('covers every facet kind the payload schemas use, and every structural rule', () => {
    const used = new Set<string>();
    for (const module of PAYLOAD_MODULES) {
      for (const t of Object.values(modules[module].types))
        if (t.kind === 'simple') for (const k of facetsOf(t)) used.add(k);
    }
    const covered = new Set(cases.map((c) => c.rule));
    for (const kind of used) expect(covered.has(kind as FacetKind) ? kind : `${kind} not covered`).toBe(kind);
    for (const kind of Object.keys(STRUCTURAL_MESSAGE))
      expect(covered.has(kind as StructuralKind) ? kind : `${kind} not covered`).toBe(kind);
    // Mutations really are deep inside operation data, with list indexes.
    expect(cases.some((c) => /\[[1-9]\d*\]\.[^.]+$/.test(c.expectedPath) && c.schema !== '')).toBe(true);
  });

  it('breaks every facet of every faceted simple type, or says why it cannot', () => {
    for (const module of PAYLOAD_MODULES) {
      for (const t of Object.values(modules[module].types)) {
        if (t.kind !== 'simple') continue;
        for (const kind of facetsOf(t)) {
          const prefix = `${module} ${t.name} ${kind}`;
          const n =
            cases.filter((c) => c.id.startsWith(prefix)).length +
            skips.filter((s) => s.id.startsWith(prefix)).length;
          expect(n > 0 ? prefix : `${prefix}: neither a case nor a reason`).toBe(prefix);
        }
      }
    }
    // Every reason was checked: the pattern fixes the lengths, or the other step implies this one.
    expect(skips.filter((s) => !s.verified).map((s) => `${s.id}: ${s.reason}`)).toEqual([]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const context = () =>
      `\nwhere: ${c.where}\ndocument:\n${c.xml.length > 4000 ? `${c.xml.slice(0, 4000)}…` : c.xml}`;
    // Our validator: exactly one violation, at the mutated path, naming the rule.
    const expected =
      c.rule in RULE_MESSAGE
        ? RULE_MESSAGE[c.rule as FacetKind]
        : STRUCTURAL_MESSAGE[c.rule as StructuralKind];
    if (
      c.violations.length !== 1 ||
      c.violations[0]!.path !== c.expectedPath ||
      !expected.test(c.violations[0]!.message)
    ) {
      throw new Error(
        `expected one violation at ${c.expectedPath} matching ${expected}, got:\n${c.violations.map(formatViolation).join('\n') || '(none)'}${context()}`,
      );
    }
    // libxml2: invalid, for the same reason.
    const verdict = c.verdict;
    if (!verdict) throw new Error('libxml2 gave no verdict');
    const messages = verdict.errors.map((e) => `line ${e.line}: ${e.message}`).join('\n');
    if (verdict.valid) throw new Error(`libxml2 accepts the document${context()}`);
    if (!verdict.errors.some((e) => c.libxml2.test(e.message))) {
      throw new Error(`libxml2 rejects it, but not with ${c.libxml2}:\n${messages}${context()}`);
    }
  });
});

describe('totalDigits (no payload type uses it: checked on a synthetic type)', () => {
  const type: SimpleTypeDescriptor = {
    kind: 'simple',
    name: 'Synthetic',
    builtin: 'decimal',
    js: 'string',
    facets: { totalDigits: 4, fractionDigits: 2 },
  };
  const synthetic: ModuleDescriptor = {
    module: 'synthetic',
    file: 'synthetic.xsd',
    release: 'synthetic',
    sha256: '',
    namespace: '',
    types: { Synthetic: type },
    elements: {},
  };
  const values = ['12345', '123.45', '0.12345', '1234', '12.34', '-99.99', '0.1', '0001234.00'];

  it('our validator and libxml2 agree value by value', async () => {
    const ours = values.map((v) => validateValue(synthetic, 'Synthetic', v, 'v'));
    const theirs = await libxml2Verdicts(
      [
        {
          base: 'xs:decimal',
          steps: [
            [
              { facet: 'totalDigits', value: '4' },
              { facet: 'fractionDigits', value: '2' },
            ],
          ],
        },
      ],
      values.map((value) => ({ type: 0, value })),
    );
    expect(ours.map((v) => v.length === 0)).toEqual(theirs);
    expect(theirs).toEqual([false, false, false, true, true, true, true, true]);
    expect(ours[0]!.map((v) => v.message)).toEqual([expect.stringMatching(RULE_MESSAGE.totalDigits)]);
  });
});

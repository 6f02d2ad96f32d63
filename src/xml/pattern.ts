/**
 * XSD 1.0 regular expressions (XML Schema Part 2, Appendix F) translated into
 * JavaScript RegExps, so `xs:pattern` facets can be checked at run time.
 *
 * The translation is faithful rather than permissive: a pattern that is not a
 * valid XSD 1.0 regular expression throws {@link XsdPatternError}, even where
 * libxml2 happens to be lenient (`\$`, `\/`, `a{3,2}`, a `-` in the middle of
 * a class), because the MMS server is the authority and we cannot know how
 * lenient its validator is.
 *
 * Semantics that differ between XSD and JavaScript, and how they are mapped:
 * - XSD patterns are implicitly anchored: the whole value must match, so the
 *   result is `^(?:…)$`. Inside a pattern `^` and `$` are ordinary characters.
 * - The `u` flag is always set, so a character above the BMP is one character
 *   (`.` matches one emoji, not half of it) and `\p{…}` is available.
 * - `.` is any character except `\n` and `\r` (not JS's line terminators).
 * - `\s` is exactly space, tab, newline, carriage return; `\d` is Unicode Nd;
 *   `\w` is every character not in categories P, Z or C (written as the union
 *   of the remaining categories L, M, N, S, because a JS class cannot hold the
 *   complement of a union without the `v` flag).
 * - `\i` and `\c` are XML 1.0 (fourth edition) Appendix B `Letter | _ | :` and
 *   `NameChar`, as XSD 1.0 defines them; the tables below are those ranges
 *   (they agree with libxml2, see test/xml/pattern.test.ts).
 * - Character class subtraction `[a-z-[aeiou]]` becomes a negative lookahead
 *   on the single character: `(?:(?![aeiou])[a-z])`.
 * - In XSD 1.0 `{` and `}` are ordinary characters unless `{` directly follows
 *   an atom, where it opens a quantifier (so `a*{2}` is `a*` then the text
 *   `{2}`); libxml2 reads the grammar the same way.
 * - Every character that JS gives a meaning to is escaped in the output; all
 *   characters outside printable ASCII are written as `\u{…}` so the RegExp
 *   source never depends on how the pattern text was encoded.
 *
 * Not supported (clear error): Unicode block escapes `\p{IsBasicLatin}`,
 * which JS has no equivalent for.
 *
 * Where libxml2 gets XSD wrong the translation follows XSD (listed and pinned
 * in test/xml/pattern.test.ts): `\P{…}` inside a class, ranges whose start is
 * escaped (`[\\-\^]`), nested or negated subtraction, and Unicode categories
 * (libxml2's tables are Unicode 4.0; these use the JS engine's). None of these
 * occurs in the MMS schemas, on whose patterns the two agree exactly.
 *
 * Pattern strings arrive XML-unescaped: `&#12288;` in the schema is already
 * U+3000 here, and may be the end point of a range like any other character.
 */

/** A pattern that is not a valid XSD 1.0 regular expression, or uses a construct this translator does not support. */
export class XsdPatternError extends Error {
  override readonly name = 'XsdPatternError';
  /** The XSD pattern as given. */
  readonly pattern: string;
  /** Position of the problem, in code points from the start of the pattern. */
  readonly offset: number;

  constructor(pattern: string, offset: number, problem: string) {
    super(`Invalid XSD pattern ${JSON.stringify(pattern)} at character ${offset}: ${problem}`);
    this.pattern = pattern;
    this.offset = offset;
  }
}

// Patterns repeat across thousands of types (`[A-Z0-9]*` alone occurs dozens
// of times), and the set is bounded by the schemas, so an unbounded cache is
// fine. Only successful translations are cached; errors are recomputed.
const cache = new Map<string, RegExp>();

/**
 * Translate an XSD 1.0 pattern into an anchored JavaScript RegExp (flag `u`).
 * Results are cached per pattern string; the returned RegExp has no `g` or
 * `y` flag, so sharing it is safe.
 *
 * @throws {@link XsdPatternError} if the pattern is invalid or unsupported.
 */
export function translatePattern(xsd: string): RegExp {
  let re = cache.get(xsd);
  if (re === undefined) {
    const source = `^(?:${translatePatternSource(xsd)})$`;
    try {
      re = new RegExp(source, 'u');
    } catch (error) {
      // Every construct is checked while parsing; reaching this is a bug here.
      throw new XsdPatternError(
        xsd,
        0,
        `translated to an invalid JavaScript RegExp /${source}/u (${String(error)})`,
      );
    }
    cache.set(xsd, re);
  }
  return re;
}

/**
 * The JavaScript RegExp source (for the `u` flag) equivalent to an XSD
 * pattern, without the anchors: useful to embed in a larger expression.
 *
 * @throws {@link XsdPatternError} if the pattern is invalid or unsupported.
 */
export function translatePatternSource(xsd: string): string {
  return new Translator(xsd).translate();
}

const END = -1;
const cp = (ch: string): number => ch.codePointAt(0) ?? END;

/** XSD 1.0 SingleCharEsc: `\` followed by one of these stands for itself. */
const SINGLE_CHAR_ESCAPES = new Set(Array.from('\\|.?*+(){}-[]^', cp));
const CONTROL_ESCAPES = new Map<number, number>([
  [cp('n'), 0x0a],
  [cp('r'), 0x0d],
  [cp('t'), 0x09],
]);
/** Unicode general categories XSD 1.0 allows in `\p{…}` (no Cs). */
const CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po Z Zs Zl Zp S Sm Sc Sk So C Cc Cf Co Cn'.split(
    ' ',
  ),
);

/** Characters that must be escaped to stand for themselves in JS, outside and inside a class. */
const JS_SYNTAX = new Set(Array.from('^$\\.*+?()[]{}|/', cp));
const JS_CLASS_SYNTAX = new Set(Array.from('\\]^-[', cp));

function jsChar(c: number, inClass: boolean): string {
  if (c >= 0x20 && c <= 0x7e) {
    const ch = String.fromCharCode(c);
    return (inClass ? JS_CLASS_SYNTAX : JS_SYNTAX).has(c) ? `\\${ch}` : ch;
  }
  return `\\u{${c.toString(16).toUpperCase()}}`;
}

type Range = readonly [number, number];

function jsRanges(ranges: readonly Range[]): string {
  return ranges
    .map(([a, b]) => (a === b ? jsChar(a, true) : `${jsChar(a, true)}-${jsChar(b, true)}`))
    .join('');
}

function complement(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [a, b] of ranges) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

function union(x: readonly Range[], y: readonly Range[]): Range[] {
  const sorted = [...x, ...y].sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function decodeRanges(table: string): Range[] {
  return table.split(' ').map((item) => {
    const [a = '', b = a] = item.split('-');
    return [parseInt(a, 16), parseInt(b, 16)] as const;
  });
}

/** Class bodies (the text between `[` and `]`) of the multi-character escapes, built on first use. */
let multiCharBodies: Map<number, string> | undefined;

function multiCharBody(letter: number): string | undefined {
  if (multiCharBodies === undefined) {
    const space: Range[] = [
      [0x09, 0x0a],
      [0x0d, 0x0d],
      [0x20, 0x20],
    ];
    const nameStart = decodeRanges(NAME_START_TABLE);
    const name = union(nameStart, decodeRanges(NAME_EXTRA_TABLE));
    multiCharBodies = new Map([
      [cp('s'), jsRanges(space)],
      [cp('S'), jsRanges(complement(space))],
      [cp('d'), '\\p{Nd}'],
      [cp('D'), '\\P{Nd}'],
      // General categories partition the code space, so "not P, Z or C" is L, M, N or S.
      [cp('w'), '\\p{L}\\p{M}\\p{N}\\p{S}'],
      [cp('W'), '\\p{P}\\p{Z}\\p{C}'],
      [cp('i'), jsRanges(nameStart)],
      [cp('I'), jsRanges(complement(nameStart))],
      [cp('c'), jsRanges(name)],
      [cp('C'), jsRanges(complement(name))],
    ]);
  }
  return multiCharBodies.get(letter);
}

/** An escape read inside or outside a class: one character, or a set written as a JS class body. */
type Escape = { readonly char: number } | { readonly body: string };

/** Recursive-descent parser over the grammar of Appendix F, emitting JS source as it goes. */
class Translator {
  private readonly chars: number[];
  private pos = 0;

  constructor(private readonly pattern: string) {
    this.chars = Array.from(pattern, cp);
  }

  translate(): string {
    const body = this.regExp();
    if (this.pos < this.chars.length) {
      // branch() stops only at `|`, `)` or the end, and regExp() consumes `|`.
      this.fail('unmatched )');
    }
    return body;
  }

  private peek(ahead = 0): number {
    return this.chars[this.pos + ahead] ?? END;
  }

  private fail(problem: string, at = this.pos): never {
    throw new XsdPatternError(this.pattern, at, problem);
  }

  // regExp ::= branch ( '|' branch )*
  private regExp(): string {
    const branches = [this.branch()];
    while (this.peek() === cp('|')) {
      this.pos++;
      branches.push(this.branch());
    }
    return branches.join('|');
  }

  // branch ::= piece*
  private branch(): string {
    let out = '';
    for (let c = this.peek(); c !== END && c !== cp('|') && c !== cp(')'); c = this.peek()) {
      out += this.piece();
    }
    return out;
  }

  // piece ::= atom quantifier?
  private piece(): string {
    const atom = this.atom();
    const c = this.peek();
    if (c === cp('?') || c === cp('*') || c === cp('+')) {
      this.pos++;
      return atom + String.fromCharCode(c);
    }
    if (c === cp('{')) return atom + this.quantity();
    return atom;
  }

  // '{' ( n | n ',' | n ',' m ) '}'
  private quantity(): string {
    const start = this.pos;
    this.pos++;
    const min = this.digits();
    if (min === undefined) this.fail('{ after an atom must start a quantifier {n}, {n,} or {n,m}', start);
    let max: string | undefined = min;
    if (this.peek() === cp(',')) {
      this.pos++;
      max = this.digits();
    }
    if (this.peek() !== cp('}')) this.fail('unterminated quantifier', start);
    this.pos++;
    if (max !== undefined && BigInt(min) > BigInt(max))
      this.fail(`quantifier {${min},${max}} has min > max`, start);
    return max === min ? `{${min}}` : `{${min},${max ?? ''}}`;
  }

  private digits(): string | undefined {
    let out = '';
    for (let c = this.peek(); c >= cp('0') && c <= cp('9'); c = this.peek()) {
      out += String.fromCharCode(c);
      this.pos++;
    }
    // Leading zeros are harmless to JS but normalise the output anyway.
    return out === '' ? undefined : String(BigInt(out));
  }

  // atom ::= Char | charClass | '(' regExp ')'
  private atom(): string {
    const start = this.pos;
    const c = this.peek();
    switch (c) {
      case cp('('): {
        this.pos++;
        const inner = this.regExp();
        if (this.peek() !== cp(')')) this.fail('unterminated group (', start);
        this.pos++;
        return `(?:${inner})`;
      }
      case cp('['):
        return this.charClassExpr();
      case cp('\\'): {
        const escape = this.escape();
        return 'char' in escape ? jsChar(escape.char, false) : `[${escape.body}]`;
      }
      case cp('.'):
        this.pos++;
        return '[^\\n\\r]';
      case cp('?'):
      case cp('*'):
      case cp('+'):
        return this.fail(`quantifier ${String.fromCharCode(c)} has nothing to repeat`);
      case cp(']'):
        return this.fail('] outside a character class must be escaped as \\]');
      default:
        // Ordinary character, including ^ $ { } which XSD 1.0 treats literally here.
        this.pos++;
        return jsChar(c, false);
    }
  }

  // Escapes: SingleCharEsc, MultiCharEsc, catEsc, complEsc (the same inside and outside a class).
  private escape(): Escape {
    const start = this.pos;
    this.pos++;
    const c = this.peek();
    if (c === END) this.fail('pattern ends with a lone \\', start);
    this.pos++;
    const control = CONTROL_ESCAPES.get(c);
    if (control !== undefined) return { char: control };
    if (SINGLE_CHAR_ESCAPES.has(c)) return { char: c };
    const body = multiCharBody(c);
    if (body !== undefined) return { body };
    if (c === cp('p') || c === cp('P')) return { body: this.category(c === cp('P'), start) };
    return this.fail(`\\${String.fromCodePoint(c)} is not an XSD escape`, start);
  }

  // catEsc ::= '\p{' charProp '}'; complEsc ::= '\P{' charProp '}'
  private category(negated: boolean, start: number): string {
    if (this.peek() !== cp('{')) this.fail('\\p and \\P must be followed by {name}', start);
    const close = this.chars.indexOf(cp('}'), this.pos);
    if (close < 0) this.fail('unterminated \\p{…}', start);
    const name = String.fromCodePoint(...this.chars.slice(this.pos + 1, close));
    this.pos = close + 1;
    if (CATEGORIES.has(name)) return `\\${negated ? 'P' : 'p'}{${name}}`;
    if (/^Is[A-Za-z0-9-]+$/.test(name)) {
      return this.fail(`Unicode block escapes such as \\p{${name}} are not supported`, start);
    }
    return this.fail(`unknown Unicode category ${JSON.stringify(name)}`, start);
  }

  // charClassExpr ::= '[' charGroup ']'
  // charGroup ::= ( posCharGroup | '^' posCharGroup ) ( '-' charClassExpr )?
  private charClassExpr(): string {
    const start = this.pos;
    this.pos++;
    const negated = this.peek() === cp('^');
    if (negated) this.pos++;
    let body = '';
    let empty = true;
    for (;;) {
      const c = this.peek();
      if (c === END) this.fail('unterminated character class [', start);
      if (c === cp(']')) {
        if (empty) this.fail('empty character class', start);
        this.pos++;
        return negated ? `[^${body}]` : `[${body}]`;
      }
      if (c === cp('[')) this.fail('[ inside a character class must be escaped as \\[');
      if (c === cp('-')) {
        const next = this.peek(1);
        if (next === cp('[')) {
          if (empty) this.fail('character class subtraction needs something to subtract from');
          this.pos++;
          const subtracted = this.charClassExpr();
          if (this.peek() !== cp(']')) this.fail('a subtracted class must end its enclosing class');
          this.pos++;
          const base = negated ? `[^${body}]` : `[${body}]`;
          return `(?:(?!${subtracted})${base})`;
        }
        // XSD 1.0: "-" stands for itself only first or last in a group.
        if (!empty && next !== cp(']'))
          this.fail('- inside a character class must be escaped as \\- unless first or last');
        this.pos++;
        body += jsChar(c, true);
        empty = false;
        continue;
      }
      body += this.charRange();
      empty = false;
    }
  }

  // charRange ::= seRange | XmlCharIncDash, or a multi-character/category escape
  private charRange(): string {
    const start = this.pos;
    const first = this.classChar();
    const dash = this.peek() === cp('-');
    const next = this.peek(1);
    const isRange = dash && next !== cp(']') && next !== cp('[') && next !== END;
    if ('body' in first) {
      if (isRange) this.fail('a multi-character escape cannot start a range', start);
      return first.body;
    }
    if (!isRange) return jsChar(first.char, true);
    this.pos++;
    if (next === cp('-')) this.fail('- as a range end must be escaped as \\-');
    const last = this.classChar();
    if ('body' in last) return this.fail('a multi-character escape cannot end a range', start);
    if (last.char < first.char) this.fail('character range is out of order', start);
    return `${jsChar(first.char, true)}-${jsChar(last.char, true)}`;
  }

  private classChar(): Escape {
    const c = this.peek();
    if (c === cp('\\')) return this.escape();
    this.pos++;
    return { char: c };
  }
}

// XML 1.0 (fourth edition) Appendix B, as XSD 1.0 defines \i and \c:
// `Letter | '_' | ':'` (BaseChar, Ideographic, _ and :), then what NameChar
// adds to it (Digit, CombiningChar, Extender, '.', '-'). Ranges of hex code
// points; all within the BMP.
const NAME_START_TABLE =
  '3a 41-5a 5f 61-7a c0-d6 d8-f6 f8-131 134-13e 141-148 14a-17e 180-1c3 ' +
  '1cd-1f0 1f4-1f5 1fa-217 250-2a8 2bb-2c1 386 388-38a 38c 38e-3a1 3a3-3ce ' +
  '3d0-3d6 3da 3dc 3de 3e0 3e2-3f3 401-40c 40e-44f 451-45c 45e-481 490-4c4 ' +
  '4c7-4c8 4cb-4cc 4d0-4eb 4ee-4f5 4f8-4f9 531-556 559 561-586 5d0-5ea ' +
  '5f0-5f2 621-63a 641-64a 671-6b7 6ba-6be 6c0-6ce 6d0-6d3 6d5 6e5-6e6 ' +
  '905-939 93d 958-961 985-98c 98f-990 993-9a8 9aa-9b0 9b2 9b6-9b9 9dc-9dd ' +
  '9df-9e1 9f0-9f1 a05-a0a a0f-a10 a13-a28 a2a-a30 a32-a33 a35-a36 a38-a39 ' +
  'a59-a5c a5e a72-a74 a85-a8b a8d a8f-a91 a93-aa8 aaa-ab0 ab2-ab3 ab5-ab9 ' +
  'abd ae0 b05-b0c b0f-b10 b13-b28 b2a-b30 b32-b33 b36-b39 b3d b5c-b5d ' +
  'b5f-b61 b85-b8a b8e-b90 b92-b95 b99-b9a b9c b9e-b9f ba3-ba4 ba8-baa ' +
  'bae-bb5 bb7-bb9 c05-c0c c0e-c10 c12-c28 c2a-c33 c35-c39 c60-c61 c85-c8c ' +
  'c8e-c90 c92-ca8 caa-cb3 cb5-cb9 cde ce0-ce1 d05-d0c d0e-d10 d12-d28 ' +
  'd2a-d39 d60-d61 e01-e2e e30 e32-e33 e40-e45 e81-e82 e84 e87-e88 e8a e8d ' +
  'e94-e97 e99-e9f ea1-ea3 ea5 ea7 eaa-eab ead-eae eb0 eb2-eb3 ebd ec0-ec4 ' +
  'f40-f47 f49-f69 10a0-10c5 10d0-10f6 1100 1102-1103 1105-1107 1109 ' +
  '110b-110c 110e-1112 113c 113e 1140 114c 114e 1150 1154-1155 1159 ' +
  '115f-1161 1163 1165 1167 1169 116d-116e 1172-1173 1175 119e 11a8 11ab ' +
  '11ae-11af 11b7-11b8 11ba 11bc-11c2 11eb 11f0 11f9 1e00-1e9b 1ea0-1ef9 ' +
  '1f00-1f15 1f18-1f1d 1f20-1f45 1f48-1f4d 1f50-1f57 1f59 1f5b 1f5d ' +
  '1f5f-1f7d 1f80-1fb4 1fb6-1fbc 1fbe 1fc2-1fc4 1fc6-1fcc 1fd0-1fd3 ' +
  '1fd6-1fdb 1fe0-1fec 1ff2-1ff4 1ff6-1ffc 2126 212a-212b 212e 2180-2182 ' +
  '3007 3021-3029 3041-3094 30a1-30fa 3105-312c 4e00-9fa5 ac00-d7a3';
const NAME_EXTRA_TABLE =
  '2d-2e 30-39 b7 2d0-2d1 300-345 360-361 387 483-486 591-5a1 5a3-5b9 ' +
  '5bb-5bd 5bf 5c1-5c2 5c4 640 64b-652 660-669 670 6d6-6e4 6e7-6e8 6ea-6ed ' +
  '6f0-6f9 901-903 93c 93e-94d 951-954 962-963 966-96f 981-983 9bc 9be-9c4 ' +
  '9c7-9c8 9cb-9cd 9d7 9e2-9e3 9e6-9ef a02 a3c a3e-a42 a47-a48 a4b-a4d ' +
  'a66-a71 a81-a83 abc abe-ac5 ac7-ac9 acb-acd ae6-aef b01-b03 b3c b3e-b43 ' +
  'b47-b48 b4b-b4d b56-b57 b66-b6f b82-b83 bbe-bc2 bc6-bc8 bca-bcd bd7 ' +
  'be7-bef c01-c03 c3e-c44 c46-c48 c4a-c4d c55-c56 c66-c6f c82-c83 cbe-cc4 ' +
  'cc6-cc8 cca-ccd cd5-cd6 ce6-cef d02-d03 d3e-d43 d46-d48 d4a-d4d d57 ' +
  'd66-d6f e31 e34-e3a e46-e4e e50-e59 eb1 eb4-eb9 ebb-ebc ec6 ec8-ecd ' +
  'ed0-ed9 f18-f19 f20-f29 f35 f37 f39 f3e-f3f f71-f84 f86-f8b f90-f95 f97 ' +
  'f99-fad fb1-fb7 fb9 20d0-20dc 20e1 3005 302a-302f 3031-3035 3099-309a ' +
  '309d-309e 30fc-30fe';

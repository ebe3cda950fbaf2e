import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calendarDate, dateTime, decimal, isFieldType, rowVersion, wholeNumber } from '@/lib/forms/fields';
import { ROOT, isSchema, sourceFiles } from '../privacy/schema-fields';

// THE RULE (lib/forms/fields.ts): every number and date a person sends is one of the field types there.
// These tests fail when a schema in lib/ or app/ uses a bare z.coerce.number / z.number() / z.coerce.date
// or an unbounded number instead: '' read as 0, '0x10' as 16, year 9999, 2^40 reaching PostgreSQL.

/** Where the bare zod types are allowed, and why. */
const EXEMPT: Record<string, string> = {
  'lib/forms/fields.ts': 'defines the field types',
  'lib/env.ts': 'the environment, not input',
};
/** Reviewed content files and uploaded blueprints are JSON: numbers arrive as numbers (nothing to misread), but each must be bounded. */
const BOUNDED_ONLY = 'lib/content/';
const exempt = (file: string) => file in EXEMPT;

// z.number(, z.coerce.number(, z.coerce.date(, z.date(, z.int(, z.bigint(, z.iso.date(, z.iso.datetime(, z.nan(, z.float64( …
const BARE = /\bz\s*\.\s*(?:coerce\s*\.\s*\w+|number|int|int32|uint32|float32|float64|bigint|int64|uint64|date|nan|iso\s*\.\s*(?:date|datetime|time))\s*\(/g;
// A page or search parameter read with Number()/parseInt() in a page or route: use pageParam or a field type.
const LOOSE_READ = /\b(?:Number|parseInt|parseFloat)\s*\(\s*\(?\s*(?:await\s+)?(?:searchParams|params|form(?:Data)?\s*\.\s*get|url\s*\.\s*searchParams|\w+\.searchParams)/g;

const lineOf = (src: string, at: number) => src.slice(0, at).split('\n').length;

/** The rest of the expression a call starts: up to a comma, semicolon or closing bracket at its own depth. */
function chainFrom(src: string, at: number): string {
  let depth = 0;
  let i = at;
  for (; i < src.length; i++) {
    const c = src[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (--depth < 0) break;
    } else if ((c === ',' || c === ';') && depth === 0) break;
  }
  return src.slice(at, i);
}

function bareInSource(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(['lib', 'app'])) {
    if (exempt(file)) continue;
    const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of src.matchAll(BARE)) {
      if (file.startsWith(BOUNDED_ONLY)) {
        // Content: a plain z.number() with both a lower and an upper bound.
        const chain = chainFrom(src, m.index);
        if (/^z\s*\.\s*number\s*\(/.test(m[0]) && /\.(min|positive|nonnegative|gte?)\(/.test(chain) && /\.(max|lte?)\(/.test(chain)) continue;
      }
      found.push(`${file}:${lineOf(src, m.index)}: ${m[0]}`);
    }
    if (file.startsWith('app/')) for (const m of src.matchAll(LOOSE_READ)) found.push(`${file}:${lineOf(src, m.index)}: ${m[0]}`);
  }
  return found;
}

type Def = Record<string, unknown> & { type: string };
type AnySchema = { _zod: { def: Def } };
const checksOf = (s: AnySchema) => ((s._zod.def.checks as AnySchema[] | undefined) ?? []).map((c) => c._zod.def as Record<string, unknown>);

/** Every number, bigint or date leaf of a schema that is not bounded above and below, by where it is. */
function looseLeaves(name: string, schema: AnySchema): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const walk = (s: AnySchema, at: string) => {
    if (seen.has(s)) return;
    seen.add(s);
    const def = s._zod.def;
    switch (def.type) {
      case 'number':
      case 'bigint': {
        const checks = checksOf(s);
        const low = checks.some((c) => c.check === 'greater_than') || (def.type === 'number' && checks.some((c) => c.check === 'number_format' && /^u?int32|uint/.test(String(c.format))));
        const high = checks.some((c) => c.check === 'less_than') || checks.some((c) => c.check === 'number_format' && /32/.test(String(c.format)));
        if (def.coerce) out.push(`${at}: coerced ${def.type}`);
        else if (!(low && high)) out.push(`${at}: ${def.type} without both a minimum and a maximum`);
        return;
      }
      case 'date':
        out.push(`${at}: date`);
        return;
      case 'object':
        for (const [key, child] of Object.entries(def.shape as Record<string, AnySchema>)) walk(child, `${at}.${key}`);
        return;
      case 'array':
        return walk(def.element as AnySchema, `${at}[]`);
      case 'record':
        walk(def.keyType as AnySchema, `${at}{key}`);
        return walk(def.valueType as AnySchema, `${at}{}`);
      case 'union':
        return (def.options as AnySchema[]).forEach((o, i) => walk(o, `${at}|${i}`));
      case 'pipe':
        walk(def.in as AnySchema, at);
        return walk(def.out as AnySchema, `${at}>`);
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return walk(def.innerType as AnySchema, at);
      case 'intersection':
        walk(def.left as AnySchema, at);
        return walk(def.right as AnySchema, at);
      case 'tuple':
        return (def.items as AnySchema[]).forEach((item, i) => walk(item, `${at}[${i}]`));
      case 'lazy':
        return walk((def.getter as () => AnySchema)(), at);
      default:
        return; // strings, enums, literals, customs (the field types), transforms
    }
  };
  walk(schema, name);
  return out;
}

const schemas: { name: string; schema: AnySchema }[] = [];
beforeAll(async () => {
  const modules = sourceFiles(['lib']).filter((f) => !exempt(f) && /from 'zod'/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
  expect(modules.length).toBeGreaterThan(15);
  for (const file of modules) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (isSchema(value)) schemas.push({ name: `${file.replace(/^lib\//, '').replace(/\.ts$/, '')}:${name}`, schema: value as unknown as AnySchema });
  }
}, 60_000);

describe('the field types rule', () => {
  it('leaves no bare z.coerce.*, z.number(), z.date() or Number(searchParams…) in lib/ or app/', () => {
    expect(bareInSource()).toEqual([]);
  });

  it('leaves no coerced, unbounded or bare number or date in any exported schema of lib/', () => {
    expect(schemas.length).toBeGreaterThan(40);
    expect(schemas.flatMap(({ name, schema }) => looseLeaves(name, schema))).toEqual([]);
  });

  it('would catch each thing it looks for (the checks above are not vacuous)', () => {
    const Bad = z.object({
      a: z.coerce.number().int().min(1),
      b: z.number().int(),
      c: z.number().min(0),
      d: z.coerce.date(),
      e: z.array(z.preprocess((v) => v, z.number().max(3))),
      ok: wholeNumber({ label: 'ok', min: 0, max: 3 }),
      okDate: calendarDate({ label: 'day', earliest: '2000-01-01', latest: '2100-01-01' }),
      okDecimal: decimal({ label: 'hours', min: 0, max: 1 }).refine((n) => n !== 0.5),
      bounded: z.number().int().min(0).max(9),
    });
    for (const field of [wholeNumber({ label: 'n', min: 0, max: 1 }), rowVersion(), calendarDate({ label: 'd', earliest: '2000-01-01', latest: '2001-01-01' }), dateTime({ label: 't', earliest: { days: 0 }, latest: { days: 1 } })])
      expect(isFieldType(field)).toBe(true);
    expect(isFieldType(z.coerce.number())).toBe(false);
    expect(looseLeaves('Bad', Bad as unknown as AnySchema)).toEqual([
      'Bad.a: coerced number',
      'Bad.b: number without both a minimum and a maximum',
      'Bad.c: number without both a minimum and a maximum',
      'Bad.d: date',
      'Bad.e[]>: number without both a minimum and a maximum',
    ]);
    const src = "const A = z.coerce.number();\nconst B = z.number().int();\nconst C = z.coerce.date();\nconst D = z.iso.date();\nconst page = Number((await searchParams).page);";
    expect([...src.matchAll(BARE)].map((m) => m[0])).toEqual(['z.coerce.number(', 'z.number(', 'z.coerce.date(', 'z.iso.date(']);
    expect([...src.matchAll(LOOSE_READ)].map((m) => m[0])).toEqual(['Number((await searchParams']);
  });
});

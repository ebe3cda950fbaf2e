import fs from 'node:fs';
import path from 'node:path';
import { isSafeTextCheck, isSearchText } from '@/lib/forms/safe-text';

// Finds every string a zod schema takes, and how it is checked: for the test that no free-text field
// goes without the safe type (lib/forms/safe-text.ts), and to write NHS numbers into each one.

type Def = Record<string, unknown> & { type: string };
type Schema = { _zod: { def: Def }; safeParse: (v: unknown) => { success: boolean; error?: { issues: Issue[] } } };
export type Issue = { path: PropertyKey[]; message: string; code: string; errors?: Issue[][]; params?: Record<string, unknown> };

export type StringField = {
  /** "UserInput.name", "AnswerInput.answer.text": where it is, for messages. */
  name: string;
  /** The path of the value inside the schema's input, as issues report it. */
  path: PropertyKey[];
  kind: 'safe' | 'search' | 'format' | 'bare';
  /** The string schema itself (or the search filter). */
  leaf: Schema;
  /** The schema's input holding `value` at `path` (discriminators filled in), for parsing the whole schema. */
  wrap: (value: unknown) => unknown;
  maxLength: number | null;
  /** The whole schema the field belongs to. */
  root: Schema;
};

export const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && '_zod' in v && typeof (v as Schema).safeParse === 'function';

function checksOf(s: Schema): { _zod: { def: Record<string, unknown> } }[] {
  return (s._zod.def.checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? [];
}

/** Every string leaf of `schema`, with how to reach it. */
export function stringFields(rootName: string, schema: Schema): StringField[] {
  const out: StringField[] = [];
  const seen = new Set<unknown>();
  const walk = (s: Schema, name: string, at: PropertyKey[], wrap: (v: unknown) => unknown) => {
    if (isSearchText(s)) {
      out.push({ name, path: at, kind: 'search', leaf: s, wrap, maxLength: null, root: schema });
      return;
    }
    const def = s._zod.def;
    switch (def.type) {
      case 'string': {
        const checks = checksOf(s);
        const max = checks.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum as number | undefined;
        const kind = checks.some((c) => isSafeTextCheck(c))
          ? 'safe'
          : def.format || checks.some((c) => c._zod.def.check === 'string_format')
            ? 'format' // z.uuid(), z.email(), z.iso.date(), .regex(…): the form is fixed, a NUL cannot match
            : 'bare';
        out.push({ name, path: at, kind, leaf: s, wrap, maxLength: max ?? null, root: schema });
        return;
      }
      case 'object':
        for (const [key, child] of Object.entries(def.shape as Record<string, Schema>))
          walk(child, `${name}.${key}`, [...at, key], (v) => wrap({ [key]: v }));
        return;
      case 'array':
        return walk(def.element as Schema, `${name}[]`, [...at, 0], (v) => wrap([v]));
      case 'record':
        walk(def.keyType as Schema, `${name}{key}`, at, (v) => wrap({ [String(v)]: null }));
        return walk(def.valueType as Schema, `${name}{}`, [...at, 'K1'], (v) => wrap({ K1: v }));
      case 'union': {
        const discriminator = def.discriminator as string | undefined;
        for (const option of def.options as Schema[]) {
          const tag = discriminator ? ((option._zod.def.shape as Record<string, Schema>)[discriminator]!._zod.def.values as unknown[])[0] : undefined;
          walk(option, discriminator ? `${name}<${String(tag)}>` : name, at, (v) =>
            wrap(discriminator && typeof v === 'object' && v !== null && !Array.isArray(v) ? { [discriminator]: tag, ...v } : v),
          );
        }
        return;
      }
      case 'pipe':
        walk(def.in as Schema, name, at, wrap);
        // What comes out of a pipe was checked going in; only a format (z.email()) is expected there.
        if ((def.out as Schema)._zod.def.type !== 'transform') walk(def.out as Schema, `${name}>`, at, wrap);
        return;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return walk(def.innerType as Schema, name, at, wrap);
      case 'intersection':
        walk(def.left as Schema, name, at, wrap);
        return walk(def.right as Schema, name, at, wrap);
      case 'tuple':
        (def.items as Schema[]).forEach((item, i) =>
          walk(item, `${name}[${i}]`, [...at, i], (v) => {
            const items: unknown[] = [];
            items[i] = v;
            return wrap(items);
          }),
        );
        return;
      case 'lazy':
        if (seen.has(s)) return; // a recursive schema: once is enough
        seen.add(s);
        return walk((def.getter as () => Schema)(), name, at, wrap);
      default:
        return; // numbers, booleans, dates, enums, literals, transforms, customs: no text
    }
  };
  walk(schema, rootName, [], (v) => v);
  return out;
}

/** The issues of parsing the whole schema with `value` in this field (and nothing else). */
export const wholeIssues = (field: StringField, value: unknown): Issue[] => field.root.safeParse(field.wrap(value)).error?.issues ?? [];

/** Every issue, including those inside a union's branches. */
export function allIssues(issues: Issue[]): Issue[] {
  return issues.flatMap((i) => [i, ...(i.errors ?? []).flatMap((branch) => allIssues(branch.map((b) => ({ ...b, path: [...i.path, ...b.path] }))))]);
}

export const ROOT = path.resolve(__dirname, '../../..');

/** Source files under `dirs` (relative to the project), recursively. */
export function sourceFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(rel);
      else if (/\.tsx?$/.test(entry.name)) out.push(rel);
    }
  };
  dirs.forEach(visit);
  return out.sort();
}

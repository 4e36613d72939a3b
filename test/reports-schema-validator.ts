/**
 * A small JSON Schema validator for the keywords reports/result.schema.json uses (type,
 * properties, required, additionalProperties, items, enum, const, oneOf, $ref to #/$defs, minimum).
 * It throws on any other keyword, so that the schema cannot silently outgrow it.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', '$id', 'title', 'description', '$defs',
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'oneOf', '$ref', 'minimum',
]);

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, '$', errors);
  return errors;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function check(root: Schema, schema: Schema, value: unknown, at: string, errors: string[]): void {
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`validator: unsupported keyword ${k} at ${at}`);
  if (typeof schema['$ref'] === 'string') {
    const ref = schema['$ref'];
    const m = /^#\/\$defs\/(.+)$/.exec(ref);
    const target = m ? (root['$defs'] as Record<string, Schema> | undefined)?.[m[1]!] : undefined;
    if (!target) throw new Error(`validator: unresolved $ref ${ref}`);
    check(root, target, value, at, errors);
  }
  if ('const' in schema && value !== schema['const']) errors.push(`${at}: must be ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) {
    errors.push(`${at}: must be one of ${JSON.stringify(schema['enum'])}, got ${JSON.stringify(value)}`);
  }
  if (typeof schema['type'] === 'string') {
    const t = typeOf(value);
    const ok = t === schema['type'] || (schema['type'] === 'number' && t === 'integer');
    if (!ok) {
      errors.push(`${at}: must be ${schema['type']}, got ${t}`);
      return;
    }
  }
  if (typeof schema['minimum'] === 'number' && typeof value === 'number' && value < schema['minimum']) {
    errors.push(`${at}: must be >= ${schema['minimum']}`);
  }
  if (Array.isArray(schema['oneOf'])) {
    const passing = (schema['oneOf'] as Schema[]).filter((s) => {
      const e: string[] = [];
      check(root, s, value, at, e);
      return e.length === 0;
    });
    if (passing.length !== 1) errors.push(`${at}: must match exactly one of oneOf (matched ${passing.length})`);
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const r of (schema['required'] ?? []) as string[]) if (!(r in obj)) errors.push(`${at}: missing ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) check(root, props[k], v, `${at}.${k}`, errors);
      else if (schema['additionalProperties'] === false) errors.push(`${at}: unexpected property ${k}`);
      else if (typeof schema['additionalProperties'] === 'object') {
        check(root, schema['additionalProperties'] as Schema, v, `${at}.${k}`, errors);
      }
    }
  }
  if (Array.isArray(value) && schema['items']) {
    value.forEach((v, i) => check(root, schema['items'] as Schema, v, `${at}[${i}]`, errors));
  }
}

import type { z } from 'zod';

/** `["nodes", 3, "cycle", "mean"]` → `nodes[3].cycle.mean` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    // A key that is empty or holds spaces, dots or brackets is quoted, so the line still says which field: `layout[""]`.
    else if (!/^[A-Za-z0-9_$-]+$/.test(String(key))) out += `[${JSON.stringify(String(key))}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One line per problem: `nodes[3].cycle.mean: must be > 0`. */
export function formatIssues(issues: ReadonlyArray<z.core.$ZodIssue>, prefix: ReadonlyArray<PropertyKey> = []): string[] {
  return issues.flatMap((issue) => {
    // Name each unknown field at its own path (`nodes[3].speed: unknown field`), not the object's.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${formatPath([...prefix, ...issue.path, key])}: unknown field`);
    const where = formatPath([...prefix, ...issue.path]);
    // A bad record key: zod's own text is "Invalid key in record"; say what is wrong with the key instead.
    const inner = issue.code === 'invalid_key' ? issue.issues.map((i) => i.message).join('; ') : '';
    const message = inner === '' ? issue.message : `key ${inner}`;
    // The whole document has the wrong shape (an array or a string where an object belongs)
    // and the schema gave no message of its own: zod's default names no field.
    if (where === '' && issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) return `the document must be ${issue.expected === 'object' ? 'a JSON object' : `of type ${issue.expected}`}`;
    return where === '' ? message : `${where}: ${message}`;
  });
}

/** Raised when a model, scenario or message does not validate; `problems` holds one line per issue. */
export class ValidationError extends Error {
  constructor(
    readonly what: string,
    readonly problems: string[],
  ) {
    super(`invalid ${what}:\n  ${problems.join('\n  ')}`);
    this.name = 'ValidationError';
  }
}

/** Parses `input` with `schema`, throwing a ValidationError that names each bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(what, formatIssues(result.error.issues));
  return result.data;
}

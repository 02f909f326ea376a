// npm run score -- <pathway.json> [--format json|text] [--today YYYY-MM-DD] [--collab <record.json>]
//
// Scores a pathway file against the RCGP five tests and the National Voices principles and prints
// the result: JSON on stdout by default, or a readable report with --format text.
// Exit codes: 0 scored; 2 invalid input or usage (the reason on stderr, never a stack trace);
// 1 an unexpected internal error (also without a stack trace).
import { readFileSync } from 'node:fs';
import { formatPathwayErrors, jsonSyntaxError, parsePathwayJson } from '../lib/pathway/validate';
import { CollaborationRecordSchema } from '../lib/scoring/collaboration';
import { formatScoreText } from '../lib/scoring/report';
import { scorePathway, scoreResultToJSON } from '../lib/scoring/score';
import { isIsoDate } from '../lib/scoring/rules/nv';
import type { CollaborationRecord } from '../lib/scoring/types';

const USAGE = `Usage: npm run score -- <pathway.json> [options]

Scores a Pathweave pathway against the RCGP five tests of integrated care and the
National Voices principles, and prints the result as JSON.

Options:
  --format json|text     json (default) or a readable text report
  --today YYYY-MM-DD     today's date, for National Voices 12 (review date in the future)
  --collab <file.json>   collaboration record: {"participants":[{"role":"patient","contributions":3}],"versionCount":2}
  --help                 show this help`;

class InputError extends Error {}

interface Args {
  file: string;
  format: 'json' | 'text';
  today?: string;
  collab?: string;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  let file: string | undefined;
  let format: 'json' | 'text' = 'json';
  let today: string | undefined;
  let collab: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new InputError(`${name} needs a value.\n\n${USAGE}`);
      i++;
      return next;
    };
    switch (name) {
      case '--help':
      case '-h':
        return 'help';
      case '--format': {
        const v = value();
        if (v !== 'json' && v !== 'text') throw new InputError(`--format must be "json" or "text", not "${v}".`);
        format = v;
        break;
      }
      case '--today': {
        const v = value();
        if (!isIsoDate(v)) throw new InputError(`--today must be a real date written YYYY-MM-DD, not "${v}".`);
        today = v;
        break;
      }
      case '--collab':
        collab = value();
        break;
      default:
        if (name.startsWith('-')) throw new InputError(`Unknown option ${name}.\n\n${USAGE}`);
        if (file !== undefined)
          throw new InputError(`Give one pathway file, not several ("${file}", "${name}").\n\n${USAGE}`);
        file = name;
    }
  }
  if (file === undefined) throw new InputError(`No pathway file given.\n\n${USAGE}`);
  return { file, format, today, collab };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`Cannot read ${what} "${path}": there is no such file.`);
    if (code === 'EISDIR') throw new InputError(`Cannot read ${what} "${path}": it is a folder, not a file.`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new InputError(`Cannot read ${what} "${path}": permission denied.`);
    throw new InputError(`Cannot read ${what} "${path}": ${(e as Error).message}`);
  }
}

function readCollab(path: string): CollaborationRecord {
  const text = readText(path, 'collaboration record');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(
      `The collaboration record "${path}" is not valid JSON: ${jsonSyntaxError(text).message.replace(/^This is not valid JSON: /, '')}`,
    );
  }
  const parsed = CollaborationRecordSchema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.map(String).join('.') || '(record)'}: ${i.message}`);
    throw new InputError(`The collaboration record "${path}" is not valid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const text = readText(args.file, 'pathway file');
  const parsed = parsePathwayJson(text);
  if (!parsed.ok) {
    const n = parsed.errors.length;
    throw new InputError(
      `"${args.file}" is not a valid pathway (${n} ${n === 1 ? 'problem' : 'problems'}):\n${formatPathwayErrors(parsed.errors)}`,
    );
  }
  const collab = args.collab ? readCollab(args.collab) : undefined;
  const result = scorePathway(parsed.pathway, collab, { today: args.today });
  if (args.format === 'text') process.stdout.write(formatScoreText(result));
  else process.stdout.write(`${JSON.stringify(scoreResultToJSON(result), null, 2)}\n`);
  return 0;
}

function fail(error: unknown): number {
  if (error instanceof InputError) {
    process.stderr.write(`score: ${error.message}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`score: internal error while scoring: ${message}\n`);
  return 1;
}

process.on('uncaughtException', (e) => {
  process.exitCode = fail(e);
});
// Stdout closed early (e.g. piped into `head`): stop quietly.
process.stdout.on('error', () => {
  process.exitCode = process.exitCode ?? 0;
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.exitCode = fail(e);
}

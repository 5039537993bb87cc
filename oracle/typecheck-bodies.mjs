#!/usr/bin/env node
// Type-check Responses API request bodies (one JSON object per *.json file)
// against the `openai` npm package's TypeScript request types.
//
// Usage: node oracle/typecheck-bodies.mjs [--keep] DIR
//
// Every DIR/*.json file is pasted verbatim as an object literal into
//
//   export const body_N: ResponseCreateParamsNonStreaming = <json text>;
//
// (ResponseCreateParamsStreaming when the body has "stream": true) and the
// result is compiled with the oracle's own `tsc --noEmit` under `strict`.
// Because the value is a fresh object literal, TypeScript's excess-property
// checks reject unknown keys as well as wrong shapes/types/missing required
// fields. Errors are mapped back to the JSON file, with line/column numbers
// that refer to the JSON file itself.
//
// Untyped-input-item pass: TypeScript's excess-property check on a union
// that the literal does not discriminate only rejects keys that appear in NO
// member of the union. Input items without a "type" key are not discriminated
// against the ~30-member ResponseInputItem union, so e.g. a chat-style
// {"role":"user","content":"hi","name":"bob"} would pass ("name" exists on
// function_call items). In the SDK union only EasyInputMessage,
// ResponseInputItem.Message and ResponseInputItem.ItemReference have an
// optional "type", so each array element of "input" lacking "type" is
// additionally checked on its own against
//   EasyInputMessage | ResponseInputItem.Message   (when it has "role")
//   ResponseInputItem.ItemReference                (otherwise)
// Those errors are reported as FILE: input[K]: ... (no line numbers).
//
// Exit status: 0 all bodies pass, 1 at least one body fails,
//              2 usage error / oracle not installed / oracle malfunction.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ORACLE_DIR = path.dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = path.join(ORACLE_DIR, 'node_modules');
const TSC_JS = path.join(NODE_MODULES, 'typescript', 'lib', 'tsc.js');
const OPENAI_TYPES = path.join(NODE_MODULES, 'openai', 'resources', 'responses', 'responses.d.ts');
const TYPE_MODULE = 'openai/resources/responses/responses';
const NON_STREAMING = 'ResponseCreateParamsNonStreaming';
const STREAMING = 'ResponseCreateParamsStreaming';

// Number of lines emitted before the pasted JSON text in every body file;
// the JSON starts at column 1 of line HEADER_LINES + 1, so TS line L maps to
// JSON line L - HEADER_LINES with the same column.
const HEADER_LINES = 3;

function usage(msg) {
  if (msg) process.stderr.write(`typecheck-bodies: ${msg}\n`);
  process.stderr.write(
    'usage: node oracle/typecheck-bodies.mjs [--keep] DIR\n' +
      '  Type-checks every DIR/*.json (one Responses API request body each)\n' +
      `  against ${TYPE_MODULE} from the openai npm package.\n` +
      '  --keep  keep the generated TypeScript project and print its path\n',
  );
  process.exit(2);
}

function fatal(msg) {
  process.stderr.write(`typecheck-bodies: ${msg}\n`);
  process.exit(2);
}

// ---- arguments -------------------------------------------------------------
let keep = false;
const positional = [];
for (const arg of process.argv.slice(2)) {
  if (arg === '--keep') keep = true;
  else if (arg === '-h' || arg === '--help') usage();
  else if (arg.startsWith('-') && arg !== '-') usage(`unknown option ${arg}`);
  else positional.push(arg);
}
if (positional.length !== 1) usage('expected exactly one DIR argument');
const dir = path.resolve(positional[0]);
let dirStat;
try {
  dirStat = fs.statSync(dir);
} catch {
  usage(`no such directory: ${positional[0]}`);
}
if (!dirStat.isDirectory()) usage(`not a directory: ${positional[0]}`);

// Path for messages: relative to cwd when inside it, else absolute.
function shown(abs) {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

// ---- installation check ----------------------------------------------------
if (!fs.existsSync(TSC_JS) || !fs.existsSync(OPENAI_TYPES)) {
  fatal(
    `oracle dependencies are not installed (${shown(NODE_MODULES)} is missing typescript or openai).\n` +
      'Run: npm ci --prefix oracle   (from the repository root)',
  );
}

// ---- read bodies -----------------------------------------------------------
const jsonFiles = fs
  .readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.json'))
  .map((e) => e.name)
  .sort();
if (jsonFiles.length === 0) usage(`no *.json files in ${positional[0]}`);

// Display name for a body file.
function displayName(name) {
  return shown(path.join(dir, name));
}

const failures = new Map(); // display name -> [message lines]
function addFailure(file, line) {
  if (!failures.has(file)) failures.set(file, []);
  failures.get(file).push(line);
}

const bodies = []; // { name, display, tsName, typeName, text }
for (const [i, name] of jsonFiles.entries()) {
  const display = displayName(name);
  let text = fs.readFileSync(path.join(dir, name), 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // BOM
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    addFailure(display, `${display}: invalid JSON: ${e.message}`);
    continue;
  }
  const streaming =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && parsed.stream === true;
  const n = String(i + 1).padStart(4, '0');
  const untypedItems = [];
  if (parsed !== null && typeof parsed === 'object' && Array.isArray(parsed.input)) {
    parsed.input.forEach((item, k) => {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && !Object.hasOwn(item, 'type')) {
        untypedItems.push({ k, item, hasRole: Object.hasOwn(item, 'role') });
      }
    });
  }
  bodies.push({
    name,
    display,
    tsName: `body_${n}.ts`,
    ident: `body_${n}`,
    typeName: streaming ? STREAMING : NON_STREAMING,
    text: text.trimEnd(),
    untypedItems,
  });
}

// ---- generate the TypeScript project ---------------------------------------
// The project lives under oracle/ so that normal node module resolution finds
// `openai` in oracle/node_modules wherever DIR is.
const work = fs.mkdtempSync(path.join(ORACLE_DIR, '.tsc-work-'));
let exitCode = 2;
try {
  exitCode = run();
} finally {
  if (keep) process.stderr.write(`typecheck-bodies: generated project kept at ${work}\n`);
  else fs.rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);

function run() {
  const byTsName = new Map();
  for (const b of bodies) {
    let src =
      `import type { ${b.typeName}, EasyInputMessage, ResponseInputItem } from '${TYPE_MODULE}';\n` +
      `// source: ${JSON.stringify(path.join(dir, b.name))}\n` +
      `export const ${b.ident}: ${b.typeName} =\n` +
      `${b.text};\n`;
    // TS line number (1-based) -> label, for the untyped-input-item pass.
    b.extraLines = new Map();
    let line = src.split('\n').length; // line number the next statement lands on
    for (const { k, item, hasRole } of b.untypedItems) {
      const t = hasRole ? 'EasyInputMessage | ResponseInputItem.Message' : 'ResponseInputItem.ItemReference';
      const lit = JSON.stringify(item).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
      src += `export const ${b.ident}_input_${k}: ${t} = ${lit};\n`;
      b.extraLines.set(line++, `input[${k}]`);
    }
    fs.writeFileSync(path.join(work, b.tsName), src);
    b.jsonLastLine = HEADER_LINES + b.text.split('\n').length;
    byTsName.set(b.tsName, b);
  }

  // Canary: proves the openai types really resolved (not `any`) and that
  // excess-property checks are active. If either stops holding, the
  // @ts-expect-error directives become errors of their own ("Unused
  // '@ts-expect-error' directive") and the run aborts with status 2.
  const canary =
    `import type { ${NON_STREAMING}, ${STREAMING}, EasyInputMessage, ResponseInputItem } from '${TYPE_MODULE}';\n` +
    `export const ok: ${NON_STREAMING} = { model: 'm', input: 'hi' };\n` +
    `export const okStream: ${STREAMING} = { model: 'm', input: 'hi', stream: true };\n` +
    `// @ts-expect-error unknown top-level key must be rejected\n` +
    `export const bad1: ${NON_STREAMING} = { model: 'm', messages: [] };\n` +
    `// @ts-expect-error nested unknown key must be rejected\n` +
    `export const bad2: ${NON_STREAMING} = { model: 'm', reasoning: { effort: 'low', bogus: 1 } };\n` +
    `// @ts-expect-error stream: true is not a non-streaming body\n` +
    `export const bad3: ${NON_STREAMING} = { model: 'm', stream: true };\n` +
    `// @ts-expect-error chat-style "name" on an untyped message item must be rejected\n` +
    `export const bad4: EasyInputMessage | ResponseInputItem.Message = { role: 'user', content: 'x', name: 'n' };\n` +
    `// @ts-expect-error unknown key on an untyped non-message item must be rejected\n` +
    `export const bad5: ResponseInputItem.ItemReference = { id: 'x', call_id: 'c' };\n`;
  fs.writeFileSync(path.join(work, '_canary.ts'), canary);

  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['es2022', 'dom'],
      types: [],
      skipLibCheck: true,
      noErrorTruncation: true,
      forceConsistentCasingInFileNames: true,
    },
    files: ['_canary.ts', ...bodies.map((b) => b.tsName)],
  };
  fs.writeFileSync(path.join(work, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2) + '\n');

  let tscErrors = 0;
  const unmapped = [];
  let tscStatus = 0;
  {
    const res = spawnSync(process.execPath, [TSC_JS, '-p', 'tsconfig.json', '--pretty', 'false'], {
      cwd: work,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (res.error) {
      process.stderr.write(`typecheck-bodies: failed to run tsc: ${res.error.message}\n`);
      return 2;
    }
    tscStatus = res.status;
    const out = (res.stdout || '') + (res.stderr || '');
    const lines = out.split(/\r?\n/);
    const diag = /^(.+?)\((\d+),(\d+)\): (error|warning|message) (TS\d+): (.*)$/;
    let current = null; // { sink: 'body'|'unmapped', file?, lines: [] }
    const flush = () => {
      if (!current) return;
      if (current.sink === 'body') for (const l of current.lines) addFailure(current.file, l);
      else unmapped.push(...current.lines);
      current = null;
    };
    for (const line of lines) {
      if (line === '') continue;
      const m = diag.exec(line);
      if (m) {
        flush();
        tscErrors++;
        const [, file, l, c, sev, code, msg] = m;
        const b = byTsName.get(path.basename(file));
        if (b && !/^TS(2307|2305|2724|2614|2694)$/.test(code)) {
          // Errors on the header lines (before the JSON) are not body errors.
          const tl = Number(l);
          const jl = tl - HEADER_LINES;
          if (jl >= 1 && tl <= b.jsonLastLine) {
            current = { sink: 'body', file: b.display, lines: [`${b.display}:${jl}:${c}: ${sev} ${code}: ${msg}`] };
            continue;
          }
          if (b.extraLines.has(tl)) {
            const where = b.extraLines.get(tl);
            current = { sink: 'body', file: b.display, lines: [`${b.display}: ${where}: ${sev} ${code}: ${msg}`] };
            continue;
          }
        }
        current = { sink: 'unmapped', lines: [line] };
      } else if (/^\s/.test(line) && current) {
        current.lines.push(line); // elaboration of the previous diagnostic
      } else {
        flush();
        current = { sink: 'unmapped', lines: [line] };
      }
    }
    flush();
  }

  for (const [, msgs] of failures) for (const m of msgs) process.stdout.write(m + '\n');

  if (unmapped.length > 0) {
    process.stderr.write(
      'typecheck-bodies: tsc reported problems that are not attributable to a body ' +
        '(oracle misconfigured or openai types changed):\n' +
        unmapped.map((l) => '  ' + l).join('\n') +
        '\n',
    );
    return 2;
  }
  if (tscStatus !== 0 && tscErrors === 0) {
    process.stderr.write(`typecheck-bodies: tsc exited with status ${tscStatus} but reported no diagnostics\n`);
    return 2;
  }

  const failed = failures.size;
  process.stdout.write(`${jsonFiles.length} bodies type-checked, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

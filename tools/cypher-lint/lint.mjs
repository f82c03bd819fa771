#!/usr/bin/env node
// cypher-lint: offline Neo4j 5 Cypher checker for Hamahang's *.cypher files.
//
// Usage:  node tools/cypher-lint/lint.mjs <dir-or-file> [<dir-or-file> ...]
//
// Walks every argument recursively for *.cypher files (skipping *.falkordb.cypher,
// which hold FalkorDB-only statements, and node_modules/ and dot-directories),
// runs lintCypherQuery() from @neo4j-cypher/language-support on each file and
// prints every diagnostic as `file:line:col: severity: message` (1-based).
// Exit status: 0 = no errors, 1 = at least one error (severity 1),
// 2 = usage problem or the checker itself is not working (see self-test).
// Warnings (severity 2) and hints are printed but never fail the run.
//
// Findings about the package (@neo4j-cypher/language-support 2.0.0-next.38, the
// newest version on npm; every published version is a 2.0.0-next.* prerelease,
// there is no stable 2.x):
//  * It works fully offline: the parser is ANTLR (antlr4ng) and the semantic
//    analysis is Neo4j's own Java front end compiled to JavaScript (TeaVM), all
//    inside the package. No driver, no DB connection, no network (checked with
//    `unshare -n`). The dbSchema argument is plain data we build here.
//  * Its package.json declares engines.node >=24.11.1; it runs correctly on
//    Node 20 (checked on 20.20.2), `npm ci` only prints an EBADENGINE warning.
//  * No Cypher version prefix is needed. Without one it analyses as `CYPHER 5`
//    (dbSchema.defaultLanguage, set explicitly below to match Neo4j 5). A
//    statement may start with `CYPHER 5` or `CYPHER 25` to pick the dialect;
//    any other number (e.g. `CYPHER 4`) is reported as an error.
//  * Parameters: every `$name` is reported as "Parameter $name is not defined."
//    (an error) unless dbSchema.parameters has a key for it whose value is not
//    undefined. We collect the $names with a regex and pass them in as
//    `{ name: null }`; as a second guard, that message is also filtered
//    with the package's own isNotParamError().
//  * Labels / relationship types / property keys are NOT passed: with them the
//    package warns about every name it does not know, which is noise for a
//    schema that is created by the statements themselves.
//  * Functions: if dbSchema.functions is absent, function names are not checked
//    at all (`RETURN coalesc(1)` passes). We pass Neo4j's built-in function
//    list (the isBuiltIn entries of the package's bundled `testData.mockSchema`,
//    ~135 functions for CYPHER 5), so misspelled functions are errors. APOC and
//    other plugin functions are therefore errors too (Neo4j Community without
//    plugins does not have them). Procedures (CALL x.y()) are not checked.
//  * The semantic analysis is wrapped in a try/catch inside the package that
//    silently returns "no errors" if it ever throws. So a broken install would
//    only check syntax. To make sure the check is real, we self-test the
//    checker on known-bad queries before linting and exit 2 if it does not
//    report them.
//  * A file holding only comments/whitespace is a syntax error for the package
//    ("Expected any of CYPHER, EXPLAIN, PROFILE or a statement"); we report such
//    a file as a warning and do not lint it. The same false error comes for a
//    comment after the last `;` (`RETURN 1;\n// end`), so such a trailing
//    comment is blanked out first (see prepare()). Several statements separated
//    by `;` per file are fine, and `//` and `/* */` comments elsewhere are fine.
//    Console commands (`:param`, `:use`) are disabled, i.e. reported as errors.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isNotParamError, lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const CYPHER_VERSION = 'CYPHER 5';
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function builtInFunctions() {
  const all = testData?.mockSchema?.functions?.[CYPHER_VERSION] ?? {};
  const builtIns = {};
  for (const [name, fn] of Object.entries(all)) {
    if (fn?.isBuiltIn) builtIns[name] = fn;
  }
  return builtIns;
}

const FUNCTIONS = builtInFunctions();

// `$name`, `$0` or `` $`odd name` ``. A match inside a string or comment only adds
// an unused parameter name, which is harmless.
const PARAM_RE = /\$(?:`([^`]+)`|([A-Za-z0-9_]+))/g;

function collectParameters(text) {
  const params = {};
  for (const m of text.matchAll(PARAM_RE)) params[m[1] ?? m[2]] = null;
  return params;
}

function dbSchemaFor(text) {
  const schema = { defaultLanguage: CYPHER_VERSION, parameters: collectParameters(text) };
  if (Object.keys(FUNCTIONS).length > 0) schema.functions = { [CYPHER_VERSION]: FUNCTIONS };
  return schema;
}

function lint(text) {
  const { diagnostics } = lintCypherQuery(text, dbSchemaFor(text), {
    consoleCommandsEnabled: false,
  });
  return diagnostics.filter(isNotParamError);
}

// Replaces every `//` and `/* */` comment by spaces (newlines kept, so line and
// column numbers do not move). Skips over '...', "..." and `...` literals.
function blankComments(text) {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < n) {
        if (c !== '`' && text[j] === '\\') {
          j += 2;
        } else if (text[j] === c) {
          if (c === '`' && text[j + 1] === '`') {
            j += 2;
          } else {
            j += 1;
            break;
          }
        } else {
          j += 1;
        }
      }
      j = Math.min(j, n);
      out += text.slice(i, j);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      out += ' '.repeat(j - i);
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      let j = text.indexOf('*/', i + 2);
      j = j < 0 ? n : j + 2;
      out += text.slice(i, j).replace(/[^\n]/g, ' ');
      i = j;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

// The package reports a comment after the last `;` of a file as a syntax error
// ("Expected any of CYPHER, EXPLAIN, PROFILE or a statement"), so such a
// trailing comment is blanked out before linting. Returns null for a file with
// no statements at all.
function prepare(text) {
  const blanked = blankComments(text);
  if (blanked.trim() === '') return null;
  const end = blanked.trimEnd().length;
  if (blanked[end - 1] === ';' && end < text.length) return text.slice(0, end) + blanked.slice(end);
  return text;
}

function selfTest() {
  const mustFail = [
    ['syntax', 'MATCH (n RETURN n'],
    ['undefined variable', 'MATCH (n) RETURN m'],
    ['unknown function', 'RETURN coalesc($x)'],
  ];
  const mustPass = 'MATCH (a:Agency {id: $id}) SET a += $props RETURN a {.*}';
  const problems = [];
  for (const [what, query] of mustFail) {
    if (!lint(query).some((d) => d.severity === 1)) problems.push(`does not report ${what} in: ${query}`);
  }
  const passing = lint(mustPass).filter((d) => d.severity === 1);
  if (passing.length > 0) problems.push(`rejects valid query ${mustPass}: ${passing[0].message}`);
  return problems;
}

// A file named on the command line is linted whatever its extension, except
// *.falkordb.cypher, which is always skipped.
function walk(path, out) {
  const st = statSync(path);
  if (st.isFile()) {
    if (!path.endsWith('.falkordb.cypher')) out.push(path);
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) walk(child, out);
    else if (entry.isFile() && entry.name.endsWith('.cypher') && !entry.name.endsWith('.falkordb.cypher')) {
      out.push(child);
    }
  }
}

function main(argv) {
  if (argv.length === 0) {
    console.error('usage: node tools/cypher-lint/lint.mjs <dir-or-file> [...]');
    return 2;
  }
  const files = [];
  for (const arg of argv) {
    try {
      walk(arg, files);
    } catch (err) {
      console.error(`cypher-lint: cannot read ${arg}: ${err.message}`);
      return 2;
    }
  }
  files.sort();

  const problems = selfTest();
  if (problems.length > 0) {
    for (const p of problems) console.error(`cypher-lint: self-test failed: checker ${p}`);
    console.error('cypher-lint: the checker is not working; refusing to report success');
    return 2;
  }

  let errors = 0;
  let warnings = 0;
  const cwd = process.cwd();
  for (const file of files) {
    const rel = relative(cwd, resolve(file));
    const shown = rel && !rel.startsWith('..') ? rel : file;
    const text = prepare(readFileSync(file, 'utf8'));
    if (text === null) {
      console.log(`${shown}:1:1: warning: file has no statements`);
      warnings += 1;
      continue;
    }
    for (const d of lint(text)) {
      const sev = SEVERITY[d.severity] ?? 'error';
      const line = d.range.start.line + 1;
      const col = d.range.start.character + 1;
      console.log(`${shown}:${line}:${col}: ${sev}: ${d.message.replace(/\s*\n\s*/g, ' ')}`);
      if (d.severity === 1 || d.severity === undefined) errors += 1;
      else warnings += 1;
    }
  }
  const warnText = warnings > 0 ? ` (${warnings} warnings)` : '';
  console.log(`cypher-lint: ${files.length} files, ${errors} errors${warnText}`);
  return errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));

#!/usr/bin/env node
// Runs SQL with DuckDB (@duckdb/node-api) and prints the last statement's result as one JSON object:
//   {"columns": [...names], "types": [...DuckDB type names], "rows": [[...values]]}
// SQL comes from the arguments (joined by spaces) or, when there are none, from stdin. Statements are split by
// DuckDB itself, so several may be given. Values are typed unambiguously:
//   BIGINT/HUGEINT/UBIGINT -> decimal string; DOUBLE/FLOAT -> JSON number with round-trip precision, or the strings
//   "NaN", "Infinity", "-Infinity", "-0"; DECIMAL -> exact string; TIMESTAMP* -> {"micros": "<string>"} (UTC);
//   DATE -> {"days": n}; BLOB -> {"hex": "..."}; BOOLEAN/VARCHAR -> as is; NULL -> null; others -> toString().
// Exit code 1 with the error message on stderr when DuckDB fails.
import { DuckDBInstance } from '@duckdb/node-api';

function readStdin() {
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => { data += c; });
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

function convert(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'bigint': return v.toString();
    case 'number':
      if (Number.isNaN(v)) return 'NaN';
      if (v === Infinity) return 'Infinity';
      if (v === -Infinity) return '-Infinity';
      if (Object.is(v, -0)) return '-0';
      return v;
    case 'boolean':
    case 'string':
      return v;
    default:
      break;
  }
  if (v.bytes instanceof Uint8Array) return { hex: Buffer.from(v.bytes).toString('hex') };
  if (typeof v.micros === 'bigint') return { micros: v.micros.toString() };
  if (typeof v.millis === 'bigint') return { micros: (v.millis * 1000n).toString() };
  if (typeof v.nanos === 'bigint') return { nanos: v.nanos.toString() };
  if (typeof v.days === 'number' && Object.keys(v).length === 1) return { days: v.days };
  return v.toString();
}

const sql = process.argv.length > 2 ? process.argv.slice(2).join(' ') : await readStdin();
try {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const extracted = await connection.extractStatements(sql);
  let reader = null;
  for (let i = 0; i < extracted.count; i++) {
    const prepared = await extracted.prepare(i);
    reader = await prepared.runAndReadAll();
  }
  const out = { columns: [], types: [], rows: [] };
  if (reader) {
    out.columns = reader.columnNames();
    out.types = reader.columnTypes().map((t) => t.toString());
    out.rows = reader.getRows().map((r) => r.map(convert));
  }
  process.stdout.write(JSON.stringify(out) + '\n');
  connection.closeSync?.();
} catch (e) {
  process.stderr.write(String(e?.message ?? e) + '\n');
  process.exit(1);
}
